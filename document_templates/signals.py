"""Side effects of other lifecycles on documents."""
