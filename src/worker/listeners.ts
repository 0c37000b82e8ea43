/** A set of listeners of one kind of news: add (returns its removal), emit to all, clear. */
export interface Listeners<T> {
  /** Add `listener`; the returned function removes it. */
  add(listener: (value: T) => void): () => void;
  /** Call every listener with `value`. */
  emit(value: T): void;
  /** Remove every listener. */
  clear(): void;
}

/** An empty set of listeners. */
export function createListeners<T>(): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const listener of set) listener(value);
    },
    clear() {
      set.clear();
    },
  };
}
