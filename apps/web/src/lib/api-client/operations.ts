/**
 * Types of the API's operations, read from the generated schema (schema.d.ts, written by
 * `npm run api:client`): for a method and a path, what a call takes and what it answers.
 */
import type { paths } from './schema';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The paths of the API that answer `method`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<Lowercase<M>, object> ? P : never;
}[keyof paths];

type Operation<M extends Method, P extends PathOf<M>> = paths[P][Lowercase<M>];

type RequestBody<O> = O extends { requestBody?: infer R } ? R : never;

/** A JSON body as its schema says; a multipart one as FormData (files and fields). */
type BodyOf<R> = R extends { content: infer C }
  ? | (C extends { 'application/json': infer J } ? J : never)
    | ('multipart/form-data' extends keyof C ? FormData : never)
  : never;

type BodyOption<O> = [NonNullable<RequestBody<O>>] extends [never]
  ? { body?: never }
  : undefined extends RequestBody<O>
    ? { body?: BodyOf<NonNullable<RequestBody<O>>> }
    : { body: BodyOf<RequestBody<O>> };

type ParamsOption<O> = O extends { parameters: infer Params }
  ? Pick<Params, 'path' & keyof Params> & Pick<Params, 'query' & keyof Params>
  : object;

/** Path parameters, query and body of a call, each required when the operation requires it. */
export type CallOptions<M extends Method, P extends PathOf<M>> = ParamsOption<Operation<M, P>> &
  BodyOption<Operation<M, P>> & { signal?: AbortSignal; headers?: Record<string, string> };

/** The URL parts of an operation: its path parameters and query. */
export type UrlOptions<P extends PathOf<'GET'>> = ParamsOption<Operation<'GET', P>>;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The options argument, optional when nothing in it is required. */
export type OptionsArgument<T> = [RequiredKeys<T>] extends [never] ? [options?: T] : [options: T];

type SuccessStatus = 200 | 201 | 202 | 204;

/** What a successful call answers: its JSON body, or undefined for 204 No Content. */
export type Answer<M extends Method, P extends PathOf<M>> =
  Operation<M, P> extends { responses: infer R }
    ? {
        [S in SuccessStatus & keyof R]: R[S] extends { content: { 'application/json': infer J } }
          ? J
          : undefined;
      }[SuccessStatus & keyof R]
    : never;

/** The query a GET operation takes. */
export type Query<P extends PathOf<'GET'>> =
  Operation<'GET', P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
