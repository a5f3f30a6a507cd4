import { TOPIC_PARTITIONS, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { serviceFactory } from '@readmission/platform';
import { IntakeModule } from './intake.module';
import { PARTNER_INBOUND_PATTERN } from './interface/kafka/partner-inbound.handler';
import { IntakeSettings, consumedPartners } from './settings';

/** The intake service as started by main.ts and by the tests, from its validated settings. */
export const intakeService = serviceFactory<IntakeSettings>('intake', IntakeModule, {
  title: 'Intake',
  description: 'Receives partner applications, validates them against the agreements, registers and answers them.',
  server: partnerTopics,
});

/** One inbound topic per partner it consumes (partner partitions, a consumer group of their own), and every partner's outbound topic. */
function partnerTopics(settings: IntakeSettings) {
  const partners = consumedPartners(settings);
  const inbound = partners.map(partnerInboundTopic);
  return {
    patternTopics: { [PARTNER_INBOUND_PATTERN]: inbound },
    // Partner topics in the group `intake`, internal events in `intake.internal`: a partner's backlog never holds
    // back the answers to decisions already made.
    backlogPatterns: [PARTNER_INBOUND_PATTERN],
    partitionsFor: (topic: string) => (inbound.includes(topic) ? TOPIC_PARTITIONS.partner : TOPIC_PARTITIONS.internal),
    extraTopics: partners.map((p) => ({ topic: partnerOutboundTopic(p), partitions: TOPIC_PARTITIONS.partner })),
  };
}
