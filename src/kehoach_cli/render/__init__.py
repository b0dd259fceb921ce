"""Renderers: each turns a report value into text, one module per format.

Machine formats (json, csv) are written plainly; rich is only for human tables.
"""
