import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { createObservationsRepository } from './observations/observations.repository.js';
import { createObservationsService } from './observations/observations.service.js';
import { createProgramsRepository } from './programs/programs.repository.js';
import { createProgramsService } from './programs/programs.service.js';

/** Wires repositories into services: the one place that knows how the domains depend on each other. */
export function createServices(config: Config, database: Database) {
  const { db } = database;
  const programs = createProgramsService(createProgramsRepository(db));
  const observations = createObservationsService(createObservationsRepository(db), programs);
  return { config, database, programs, observations };
}

export type Services = ReturnType<typeof createServices>;
