"""The icons and other files the app reads at run time, installed as phlo_desk.resources."""
