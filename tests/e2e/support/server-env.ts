// Names of the environment variables the e2e global setup uses to hand the running server to tests and teardown.
export const BASE_URL_ENV = 'PORTSIDE_E2E_BASE_URL';
export const SERVER_PID_ENV = 'PORTSIDE_E2E_SERVER_PID';
export const DATA_DIR_ENV = 'PORTSIDE_E2E_DATA_DIR';
