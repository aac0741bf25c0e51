/**
 * Names the type a route answers with where the compiler cannot infer it (a handler that returns
 * one of several streams' outcomes). It does nothing at run time: test/support/api-contract.generator.ts
 * reads its type argument and generates the operation's response schema from it.
 */
export const RepliesWith =
  <Body>(): MethodDecorator & { readonly body?: Body } =>
  () =>
    undefined;
