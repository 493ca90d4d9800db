"""The domain and the wire. Nothing in this package imports Qt."""
