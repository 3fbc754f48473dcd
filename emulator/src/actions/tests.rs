//! Unit tests of the business rules.
