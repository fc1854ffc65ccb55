"""Culture sites (清廉文化阵地): the map, details, photos, QR codes and check-ins."""
