import { TOPIC_PARTITIONS, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Clock, PlatformOptions, ServiceDefinition } from '@readmission/platform';
import { PARTNER_INBOUND_PATTERN } from './interface/kafka/partner-inbound.handler';
import { IntakeModule } from './intake.module';
import { configuredPartners } from './partners';

/** The intake service as started by main.ts and by the tests. */
export function intakeService(platform: PlatformOptions & { port: number }, partners = configuredPartners(), overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  const inbound = partners.map(partnerInboundTopic);
  return {
    name: 'intake',
    title: 'Intake',
    description: 'Receives partner applications, validates them against the agreements, registers and answers them.',
    module: IntakeModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    server: {
      patternTopics: { [PARTNER_INBOUND_PATTERN]: inbound },
      partitionsFor: (topic) => (inbound.includes(topic) ? TOPIC_PARTITIONS.partner : TOPIC_PARTITIONS.internal),
      extraTopics: partners.map((p) => ({ topic: partnerOutboundTopic(p), partitions: TOPIC_PARTITIONS.partner })),
    },
    ...overrides,
  };
}
