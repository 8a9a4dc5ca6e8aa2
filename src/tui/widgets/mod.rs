//! Widgets that draw plain data: they know nothing of plans or the engine.
