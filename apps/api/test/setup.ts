import { usePasswordHashCost } from '../src/users/passwords.js';

// Hashes made by test helpers and the demo loader, before any app is built, are cheap too.
usePasswordHashCost('test');
