# MongoDB's first start in the compose deployment: the image's entrypoint sources this file from
# /docker-entrypoint-initdb.d once, on an empty volume, after creating the root user, with "${mongo[@]}" being
# mongosh signed in as root. Creates one user per service owning only its own database (readWrite on
# readmission-<service>) and a read-only monitoring user for the exporter. Passwords from the docker secrets
# mongodb-<service>-password and mongodb-monitoring-password, passed through the environment, never printed.
# (Sourced, not executed: no `exit`, no change of the entrypoint's shell options.)
readmission_create_user() { # name database role password-file
  USER_NAME="$1" USER_DB="$2" USER_ROLE="$3" USER_PASSWORD="$(tr -d '\r\n' <"$4")" "${mongo[@]}" admin --eval '
    const { USER_NAME: name, USER_DB: dbName, USER_ROLE: role, USER_PASSWORD: pwd } = process.env;
    const roles = role === "monitoring" ? [{ role: "clusterMonitor", db: "admin" }, { role: "read", db: "local" }] : [{ role, db: dbName }];
    const home = db.getSiblingDB(dbName);
    if (!home.getUser(name)) home.createUser({ user: name, pwd, roles });
  ' >/dev/null
}
for readmission_service in intake verification transfer reintegration; do
  readmission_create_user "$readmission_service" "readmission-$readmission_service" readWrite "/run/secrets/mongodb-$readmission_service-password"
done
readmission_create_user monitoring admin monitoring /run/secrets/mongodb-monitoring-password
echo "init-users: the service users and the monitoring user are created"
