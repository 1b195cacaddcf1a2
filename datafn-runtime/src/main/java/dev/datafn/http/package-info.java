/**
 * DataFn's HTTP protocol over the engine: {@link dev.datafn.http.DataFnHttp}, its one request pipeline,
 * the REST wrappers, and the envelopes every answer is shaped into.
 */
package dev.datafn.http;
