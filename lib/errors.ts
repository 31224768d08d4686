// Errors that become HTTP answers; lib/api/respond.ts is the one place that maps them.
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", 404, `${what} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super("validation", 400, message, fields);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super("conflict", 409, message, fields);
  }
}

/** An iperf test between hosts of two sites with no route declared between them. */
export class CrossSiteError extends AppError {
  constructor(message: string) {
    super("cross_site", 409, message, { serverHostId: message });
  }
}
