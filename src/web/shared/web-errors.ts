// The refusals of the web layer itself; the exception filter answers each (web-exception.filter.ts).

// No valid session cookie: a page answers 303 /login, a script 401.
export class NotSignedIn extends Error {
  constructor() {
    super('Not signed in');
  }
}

// A form post without the session's CSRF token: 403.
export class CsrfRejected extends Error {
  constructor() {
    super('The form token is missing or wrong');
  }
}

// An address that names nothing (an id that is no UUID): the signed-in 404 page.
export class PageNotFound extends Error {
  constructor() {
    super('Not found');
  }
}
