/** `url` without trailing slashes, by hand: `/\/+$/` retries its run from every slash (quadratic on a long run). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end -= 1;
  return url.slice(0, end);
}
