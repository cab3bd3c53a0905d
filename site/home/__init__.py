"""The public website's home page and general content pages."""
