"""Imports and exports of workspace records: column schemas, cell values, CSV and XLSX files."""
