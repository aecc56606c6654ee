// MongoDB's users, one script for both deployments: run by docker-compose.yml's mongo-setup
// container (mongosh, as root) on every `docker compose up`, and by the Kubernetes mongodb-init
// Job. It lives here because kustomize reads no file outside deploy/k8s; docker-compose.yml
// mounts it from here. One user per service database, named after the service, with readWrite on
// that database only, so a service that is broken into cannot read another's data. Created in
// the database it may use, which is therefore its authentication database: the services'
// MONGODB_URI is mongodb://<service>:<password>@mongo:27017/<its database>. The password is set
// again on every run, so a changed one takes effect. compose-check and k8s-check read the table
// below.
//
// Passwords: letters, digits, '-' and '_' only (they go into a connection string unescaped).
const prefix = process.env.MONGODB_DATABASE_PREFIX;
const users = [
  // [user, database (after the prefix), variable with its password]
  ['auth-service', 'auth', 'AUTH_SERVICE_MONGODB_PASSWORD'],
  ['customer-service', 'customer', 'CUSTOMER_SERVICE_MONGODB_PASSWORD'],
  ['inventory-service', 'inventory', 'INVENTORY_SERVICE_MONGODB_PASSWORD'],
  ['payment-service', 'payment', 'PAYMENT_SERVICE_MONGODB_PASSWORD'],
  ['order-service', 'order', 'ORDER_SERVICE_MONGODB_PASSWORD'],
  // the operator console's audit trail
  ['operator-console', 'console', 'OPERATOR_CONSOLE_MONGODB_PASSWORD'],
];

if (!prefix) {
  throw new Error('MONGODB_DATABASE_PREFIX is not set');
}
for (const [user, name, variable] of users) {
  const password = process.env[variable];
  if (!password) {
    throw new Error(variable + ' is not set');
  }
  const database = db.getSiblingDB(prefix + name);
  const roles = [{ role: 'readWrite', db: prefix + name }];
  if (database.getUser(user)) {
    database.updateUser(user, { pwd: password, roles: roles });
    print('mongo-setup: ' + user + ' updated on ' + prefix + name);
  } else {
    database.createUser({ user: user, pwd: password, roles: roles });
    print('mongo-setup: ' + user + ' created on ' + prefix + name);
  }
}
