import { TOPIC_PARTITIONS, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Clock, ServiceDefinition, platformOptions } from '@readmission/platform';
import { IntakeModule } from './intake.module';
import { PARTNER_INBOUND_PATTERN } from './interface/kafka/partner-inbound.handler';
import { IntakeSettings, consumedPartners } from './settings';

/** The intake service as started by main.ts and by the tests, from its validated settings. */
export function intakeService(settings: IntakeSettings, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  const platform = platformOptions('intake', settings);
  const partners = consumedPartners(settings);
  const inbound = partners.map(partnerInboundTopic);
  return {
    name: 'intake',
    title: 'Intake',
    description: 'Receives partner applications, validates them against the agreements, registers and answers them.',
    module: IntakeModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    groupId: platform.groupId,
    server: {
      patternTopics: { [PARTNER_INBOUND_PATTERN]: inbound },
      partitionsFor: (topic) => (inbound.includes(topic) ? TOPIC_PARTITIONS.partner : TOPIC_PARTITIONS.internal),
      extraTopics: partners.map((p) => ({ topic: partnerOutboundTopic(p), partitions: TOPIC_PARTITIONS.partner })),
    },
    ...overrides,
  };
}
