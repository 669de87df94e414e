/**
 * `work`'s outcome if it settles within `ms`; otherwise the error `onTimeout` makes (it runs only
 * then, so it may also tell the work to give up). A value that arrives after the deadline goes to
 * `onLate`, for giving back what was acquired too late.
 */
export function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(onTimeout());
    }, ms);
    work.then(
      (value) => {
        if (settled) return onLate?.(value);
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
