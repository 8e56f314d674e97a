// Error classes. The wasm core reports failures as (className, message,
// modelName, cause); makeError turns them into these classes. Every error
// is `instanceof QuarryError`; the API-misuse errors Django raises as
// TypeError are also real JS TypeErrors.

const BRAND = Symbol.for("quarry.error");

export class QuarryError extends Error {
  constructor(message, options) {
    super(message, options);
    this[BRAND] = true;
  }
  get name() {
    return this.constructor.displayName ?? this.constructor.name;
  }
  static [Symbol.hasInstance](x) {
    if (this === QuarryError) return x != null && x[BRAND] === true;
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

/** Unknown field or lookup, bad field use (Django's FieldError). */
export class FieldError extends QuarryError {}
/** A bad value (Django's ValueError): negative indexing, None as a query value, ... */
export class ValueError extends QuarryError {}
/** A value a field cannot hold: a malformed date, a non-boolean for a BooleanField (Django's ValidationError). */
export class ValidationError extends QuarryError {}
/** The backend cannot do this (Django's NotSupportedError). */
export class NotSupportedError extends QuarryError {}
/** The database cannot run the query (Django's DatabaseError): an ordered or sliced operand of union() on SQLite. */
export class DatabaseError extends QuarryError {}
/** get() found nothing; each model has its own subclass, Model.DoesNotExist. */
export class DoesNotExist extends QuarryError {}
/** get() found several rows; each model has its own subclass. */
export class MultipleObjectsReturned extends QuarryError {}
/** A constraint failure reported by the host. */
export class IntegrityError extends QuarryError {}
/** The host failed: a rejected promise, an HTTP error, a malformed response. `cause` holds the host's error. */
export class ExecutorError extends QuarryError {}
/** Deletion blocked by an onDelete: "PROTECT" relation. */
export class ProtectedError extends QuarryError {}
/** Deletion blocked by an onDelete: "RESTRICT" relation. */
export class RestrictedError extends QuarryError {}
/** Migration files that cannot be applied as given: two with one number, an edited quarry:state line. */
export class MigrationError extends QuarryError {}

/** A method used where Django raises TypeError (filter after slice, ...): a real TypeError, and a QuarryError. */
export class QuarryTypeError extends TypeError {
  constructor(message, options) {
    super(message, options);
    this[BRAND] = true;
  }
  get name() {
    return "TypeError";
  }
}

const CLASSES = {
  FieldError,
  ValueError,
  ValidationError,
  NotSupportedError,
  DatabaseError,
  DoesNotExist,
  MultipleObjectsReturned,
  IntegrityError,
  ExecutorError,
  ProtectedError,
  RestrictedError,
  TypeError: QuarryTypeError,
};

// The build minifies this file without keeping names, and a bundler may
// rename a class (esbuild turns a class that names itself into
// `_QuarryError`): each class says its own, as `err.name` reports it.
for (const [className, cls] of Object.entries({ QuarryError, QuarryTypeError, MigrationError, ...CLASSES })) {
  if (className !== "TypeError") Object.defineProperty(cls, "name", { value: className });
}

/** Per-model subclasses: Author.DoesNotExist, Author.MultipleObjectsReturned. */
export function modelErrors(modelName) {
  const dne = class extends DoesNotExist {};
  const mor = class extends MultipleObjectsReturned {};
  Object.defineProperty(dne, "name", { value: "DoesNotExist" });
  Object.defineProperty(mor, "name", { value: "MultipleObjectsReturned" });
  dne.modelName = modelName;
  mor.modelName = modelName;
  return { DoesNotExist: dne, MultipleObjectsReturned: mor };
}

/** Builds the error for the wasm core from (className, message, modelName, cause). */
export function makeError(className, message, modelName, cause) {
  const cls = CLASSES[className] ?? QuarryError;
  // Frames inside the wasm say nothing to a user, and wrangler's source
  // mapping prints them as "at [object Object]": the stack keeps the JS
  // frames (V8 captures 10 by default: enough to reach the caller's).
  const limit = Error.stackTraceLimit;
  if (limit < 50) Error.stackTraceLimit = 50;
  const err = new cls(message, cause === undefined ? undefined : { cause });
  if (limit < 50) Error.stackTraceLimit = limit;
  if (modelName) err.modelName = modelName;
  err.stack = err.stack?.replace(/\n.*wasm-function\[.*/g, "");
  return err;
}

/** Re-throw a base DoesNotExist / MultipleObjectsReturned as the model's own subclass. */
export function forModel(err, model) {
  if (err instanceof DoesNotExist && !(err instanceof model.DoesNotExist)) {
    return new model.DoesNotExist(err.message);
  }
  if (err instanceof MultipleObjectsReturned && !(err instanceof model.MultipleObjectsReturned)) {
    return new model.MultipleObjectsReturned(err.message);
  }
  return err;
}
