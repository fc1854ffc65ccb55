// Distances between GCJ-02 positions, measured as the server measures them, and said as people say them.

const EARTH_RADIUS_M = 6371008.8;

const radians = (degrees) => (degrees * Math.PI) / 180;

/** Great-circle distance in whole metres (haversine on the mean sphere, like the API). */
function distanceM(lat1, lng1, lat2, lng2) {
  const dPhi = radians(lat2 - lat1);
  const dLambda = radians(lng2 - lng1);
  const a = Math.sin(dPhi / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLambda / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a))));
}

/** "850 米", "1.2 公里", "15 公里"; '' when the distance is unknown. */
function distanceText(metres) {
  if (typeof metres !== 'number' || !Number.isFinite(metres) || metres < 0) return '';
  const whole = Math.round(metres);
  if (whole < 1000) return `${whole} 米`;
  return `${(whole / 1000).toFixed(1).replace(/\.0$/, '')} 公里`;
}

module.exports = {distanceM, distanceText};
