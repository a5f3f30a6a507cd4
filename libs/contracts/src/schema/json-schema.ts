import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
/** A JSON Schema (draft 2020-12 subset as produced from the class metadata). */
export type SchemaObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
import { MessageDefinition } from '../message-definition';

/**
 * JSON Schemas generated from the same class-validator metadata that validates the messages, so the two cannot
 * drift apart. Every object schema is closed (`additionalProperties: false`), like the validation.
 */
// class-transformer keeps its @Type metadata here; the package ships no typings for this path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: unknown };

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

export function contractSchemas(): Record<string, SchemaObject> {
  const schemas = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    classTransformerMetadataStorage: defaultMetadataStorage as never,
    refPointerPrefix: SCHEMA_REF_PREFIX,
  }) as Record<string, SchemaObject>;
  for (const schema of Object.values(schemas)) schema.additionalProperties = false;
  return schemas;
}

/** The schema of one message type's payload, with the definitions it references. */
export function messageSchemaName(definition: MessageDefinition): string {
  return definition.payload.name;
}
