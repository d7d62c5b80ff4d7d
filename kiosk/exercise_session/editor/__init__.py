"""The staff screen's touch program editor."""
