//! How an operation's query and header parameters reach its `Request`:
//! one setter per parameter, in the spec's order, each a no-op for an
//! optional parameter that is not set, or an error for a `deepObject`
//! value that does not serialize.

use std::fmt::Display;

use crate::error::Error;
use crate::request::{Query, Request, join};

// Each setter is called by generated operations with a parameter of its
// style; the stand-in has only an optional query parameter.
#[allow(dead_code)]
impl Request {
    /// `name=value`.
    pub(crate) fn one<T: Display + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.query.push(Query::one(name, value));
        self
    }

    pub(crate) fn opt<T: Display>(self, name: &'static str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.one(name, value),
            None => self,
        }
    }

    /// One `name=item` per item (`form`, exploded).
    pub(crate) fn exploded<T: Display>(mut self, name: &'static str, items: &[T]) -> Self {
        self.query.extend(Query::exploded(name, items));
        self
    }

    pub(crate) fn opt_exploded<T: Display>(
        self,
        name: &'static str,
        items: &Option<Vec<T>>,
    ) -> Self {
        match items {
            Some(items) => self.exploded(name, items),
            None => self,
        }
    }

    /// `name=a<delimiter>b`.
    pub(crate) fn joined<T: Display>(
        mut self,
        name: &'static str,
        items: &[T],
        delimiter: char,
    ) -> Self {
        self.query.push(Query::joined(name, items, delimiter));
        self
    }

    pub(crate) fn opt_joined<T: Display>(
        self,
        name: &'static str,
        items: &Option<Vec<T>>,
        delimiter: char,
    ) -> Self {
        match items {
            Some(items) => self.joined(name, items, delimiter),
            None => self,
        }
    }

    /// A `deepObject` value in brackets, at any depth (`form.rs`):
    /// `name[key]=value` per member of an object or map, `name[]=item`
    /// per item of a list of scalars, `name=value` for a scalar (one
    /// choice of a union of an object and a scalar).
    pub(crate) fn deep<T: serde::Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<Self, Error> {
        let pairs = crate::form::pairs(name, value)?;
        self.query.push(Query::Pairs { name, pairs });
        Ok(self)
    }

    pub(crate) fn opt_deep<T: serde::Serialize>(
        self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<Self, Error> {
        match value {
            Some(value) => self.deep(name, value),
            None => Ok(self),
        }
    }

    /// A header; its value is not encoded.
    pub(crate) fn header<T: Display + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    pub(crate) fn opt_header<T: Display>(self, name: &'static str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.header(name, value),
            None => self,
        }
    }

    /// An array as one header, items joined by `separator` (`simple`).
    /// An empty array sends no header, as it adds nothing to the query:
    /// an empty value would read as one empty item.
    pub(crate) fn header_joined<T: Display>(
        mut self,
        name: &'static str,
        items: &[T],
        separator: char,
    ) -> Self {
        if !items.is_empty() {
            self.headers.push((name, join(items, separator)));
        }
        self
    }

    pub(crate) fn opt_header_joined<T: Display>(
        self,
        name: &'static str,
        items: &Option<Vec<T>>,
        separator: char,
    ) -> Self {
        match items {
            Some(items) => self.header_joined(name, items, separator),
            None => self,
        }
    }

    /// An array as one header per item (exploded).
    pub(crate) fn header_items<T: Display>(mut self, name: &'static str, items: &[T]) -> Self {
        for item in items {
            self.headers.push((name, item.to_string()));
        }
        self
    }

    pub(crate) fn opt_header_items<T: Display>(
        self,
        name: &'static str,
        items: &Option<Vec<T>>,
    ) -> Self {
        match items {
            Some(items) => self.header_items(name, items),
            None => self,
        }
    }
}
