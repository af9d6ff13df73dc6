//! Drawing: turns the app's state into what the screen shows. Reads state,
//! never changes it.
