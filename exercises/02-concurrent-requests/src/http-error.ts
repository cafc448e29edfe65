/** Given: the error `fetchJson` rejects with when the server answers with a non-2xx status. */
export class HttpError extends Error {
  readonly status: number;
  readonly url: string;

  constructor(status: number, url: string, message = `HTTP ${status} from ${url}`) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.url = url;
  }
}
