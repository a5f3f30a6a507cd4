export * from './topic-access';
export * from './acl-plan';
export * from './scram-credentials';
export * from './apply-acls';
