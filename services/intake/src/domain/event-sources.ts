/** The CloudEvents source of intake's internal events. */
export const INTAKE_SOURCE = 'urn:readmission:intake';
