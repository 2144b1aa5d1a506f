export { MockServer } from './server';
export { defaultBehaviour, type MockBehaviour } from './behaviour';
export { headerValues, type MockConnection, type MockReceivedMessage, type MockRequestHead } from './connection';
export { sharedMockServer, startSharedMockServer, stopSharedMockServer } from './instance';
