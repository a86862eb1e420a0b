"""Reception documents: the visitor badge and the evacuation list."""
