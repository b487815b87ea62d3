"""The plant model and its rules: pure Python, no Qt, no SQL, no I/O."""
