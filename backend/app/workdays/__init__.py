"""China's working days: the chinesecalendar package plus an override table for unknown years."""
