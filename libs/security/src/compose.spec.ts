import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { SERVICE_MAX_OLD_SPACE_MB } from '@readmission/testing';

/**
 * The compose deployment is secure by default (issue 14, "What to build" 7): checked in the file itself, since CI has
 * no Docker engine (`docker-compose config -q` validates its syntax). What each check stands for is in the README,
 * "Deploying with Docker", and docs/security.md.
 */
const ROOT = join(__dirname, '..', '..', '..');
const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
interface Container {
  image?: string;
  build?: { context: string; target?: string };
  user?: string;
  ports?: string[];
  environment?: Record<string, string>;
  secrets?: (string | { source: string; target: string })[];
  security_opt?: string[];
  cap_drop?: string[];
  command?: string[] | string;
}
const compose = parse(text, { merge: true }) as { services: Record<string, Container>; secrets: Record<string, { file?: string }> };
const containers = Object.entries(compose.services);
const kafkaStart = readFileSync(join(ROOT, 'infra', 'kafka', 'docker-sasl-start.sh'), 'utf8');
const SERVICES = ['intake', 'verification', 'transfer', 'reintegration'];

/** The user the last `USER` line of a Dockerfile stage (or of the final stage) sets. */
function dockerfileUser(target: string | undefined): string | undefined {
  const stages = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .split(/^FROM /m)
    .slice(1);
  const stage = target ? stages.find((s) => new RegExp(`^\\S+ AS ${target}\\s`, 'm').test(s)) : stages[stages.length - 1];
  return [...(stage ?? '').matchAll(/^USER (\S+)/gm)].pop()?.[1];
}

describe('docker-compose.yml, secure by default', () => {
  it.each(containers)('runs %s as a non-root user, without capabilities or new privileges', (_name, container) => {
    const user = container.user ?? (container.build ? dockerfileUser(container.build.target) : undefined);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(container.security_opt).toContain('no-new-privileges:true');
    expect(container.cap_drop).toEqual(['ALL']);
  });

  it('puts no secret value in the file: secrets are files mounted under /run/secrets, or variables the operator sets', () => {
    for (const [name, container] of containers) {
      for (const [variable, value] of Object.entries(container.environment ?? {})) {
        if (!/PASSWORD|SECRET|TOKEN|_KEY(_|$)/.test(variable)) continue;
        expect({ name, variable, value }).toEqual({ name, variable, value: expect.stringMatching(/^(\/run\/secrets\/|\$\{[A-Z_]+:-\}$)/) });
      }
    }
    for (const [name, secret] of Object.entries(compose.secrets))
      expect({ name, file: secret.file }).toEqual({ name, file: expect.stringMatching(/^\$\{SECRETS_DIR/) });
  });

  it('runs the services in production mode, with no development key, SASL to Kafka and their own store user', () => {
    expect(text).not.toMatch(/AUTH_DEV_KEY_FILE/);
    for (const service of SERVICES) {
      const env = compose.services[service].environment ?? {};
      expect(env).toMatchObject({
        PLATFORM_MODE: 'production',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        ENCRYPTION_KEY_FILE: '/run/secrets/encryption-master-keys',
      });
      const command = String(compose.services[service].command);
      expect(command).toContain('KAFKA_SASL_USERNAME="service-$$SERVICE" KAFKA_SASL_PASSWORD="$$kafka_password"');
      expect(command).toContain('mongodb://$$SERVICE:$$mongodb_password@mongodb:27017/readmission-$$SERVICE');
      const secrets = compose.services[service].secrets ?? [];
      expect(secrets).toContainEqual({ source: `kafka-service-${service}`, target: 'kafka-password' });
      expect(secrets).toContainEqual({ source: `mongodb-${service}`, target: 'mongodb-password' });
    }
  });

  it('runs MongoDB with authentication: a root password from its secret and one user per service', () => {
    const mongodb = compose.services.mongodb;
    expect(mongodb.environment).toMatchObject({ MONGO_INITDB_ROOT_PASSWORD_FILE: '/run/secrets/mongodb-root-password' });
    expect(mongodb.ports).toEqual(['127.0.0.1:27017:27017']);
    for (const service of SERVICES)
      expect(mongodb.secrets).toContainEqual({ source: `mongodb-${service}`, target: `mongodb-${service}-password` });
  });

  it('publishes every port on the host loopback (HTTP for the TLS reverse proxy, HTTP_BIND to change), except Kafka over TLS', () => {
    const published = containers.flatMap(([name, c]) => (c.ports ?? []).map((port) => ({ name, port })));
    expect(published.length).toBeGreaterThan(5);
    for (const { name, port } of published) {
      if (name === 'kafka') continue;
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^(127\.0\.0\.1|\$\{HTTP_BIND:-127\.0\.0\.1\}):\d+:\d+$/) });
    }
  });

  it('publishes only the TLS listener of Kafka (SASL_SSL, key from a secret), with the authorizer denying by default', () => {
    const kafka = compose.services.kafka;
    expect(kafka.ports).toEqual(['9094:9094']);
    expect(kafka.secrets).toEqual(expect.arrayContaining(['kafka-admin-password', 'kafka-tls-keystore']));
    expect(compose.secrets['kafka-tls-keystore'].file).toMatch(/\/kafka\/tls\/broker-keystore\.pem$/);
    expect(kafka.environment).toEqual({ KAFKA_PUBLIC_HOST: '${KAFKA_PUBLIC_HOST:-localhost}' });
    for (const line of [
      'listeners=INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://localhost:9093',
      'advertised.listeners=INTERNAL://kafka:9092,EXTERNAL://$PUBLIC_HOST:9094',
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL',
      'listener.name.external.ssl.keystore.location=$KEYSTORE',
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found=false',
      'super.users=User:$ADMIN_USER',
    ])
      expect(kafkaStart).toContain(line);
    expect(kafkaStart).not.toMatch(/PLAINTEXT:PLAINTEXT|listeners=PLAINTEXT/);
  });

  it('limits each service’s V8 old space as the launcher that the benchmark measures does (the image’s command)', () => {
    const finalStage =
      readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
        .split(/^FROM /m)
        .pop() ?? '';
    expect(finalStage).toMatch(new RegExp(`^CMD .*exec node --max-old-space-size=${SERVICE_MAX_OLD_SPACE_MB} dist/services/`, 'm'));
  });
});
