//! The last value a slow computation made, kept for the next call with the same inputs.
//!
//! Laws resolved for a plan's years, survival curves and the like depend on a few of the plan's
//! inputs that most edits leave alone, so each such computation keeps its last answer and its
//! key; a different key makes and keeps a new one. One value per call site, shared by every
//! thread.

use std::sync::{Arc, Mutex};

pub struct KeepLast<K, V>(Mutex<Option<(K, Arc<V>)>>);

impl<K: PartialEq, V> KeepLast<K, V> {
    pub const fn new() -> KeepLast<K, V> {
        KeepLast(Mutex::new(None))
    }

    /// The kept value when it was made for `key`, else `make(&key)`, kept.
    pub fn get_or_make<E>(
        &self,
        key: K,
        make: impl FnOnce(&K) -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Ok(last) = self.0.lock()
            && let Some((k, v)) = last.as_ref()
            && *k == key
        {
            return Ok(Arc::clone(v));
        }
        let v = Arc::new(make(&key)?);
        if let Ok(mut last) = self.0.lock() {
            *last = Some((key, Arc::clone(&v)));
        }
        Ok(v)
    }
}

impl<K: PartialEq, V> Default for KeepLast<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_same_key_reuses_the_value_and_another_replaces_it() {
        let kept: KeepLast<i32, String> = KeepLast::new();
        let made = Cell::new(0);
        let make = |k: &i32| -> Result<String, ()> {
            made.set(made.get() + 1);
            Ok(format!("v{k}"))
        };
        assert_eq!(*kept.get_or_make(1, make).unwrap(), "v1");
        assert_eq!(*kept.get_or_make(1, make).unwrap(), "v1");
        assert_eq!(made.get(), 1);
        assert_eq!(*kept.get_or_make(2, make).unwrap(), "v2");
        assert_eq!(*kept.get_or_make(1, make).unwrap(), "v1");
        assert_eq!(made.get(), 3);
        // A failure keeps nothing.
        assert!(kept.get_or_make(3, |_| Err::<String, ()>(())).is_err());
        assert_eq!(*kept.get_or_make(1, make).unwrap(), "v1");
        assert_eq!(made.get(), 3);
    }
}
