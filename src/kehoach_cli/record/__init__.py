"""The write side of progress: `kehoach record` prepares one record, holds it to the rules
`check` applies, and appends it to the agency's report file atomically under a lock."""
