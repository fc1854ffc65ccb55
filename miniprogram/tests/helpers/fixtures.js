// Response bodies shaped exactly as the API's schemas (see /api/openapi.json), for page tests.

const HOUR = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

const association = {id: 7, name: '台州市椒江区建筑业协会', district: '331002'};

function member(overrides = {}) {
  return Object.assign({id: 42, nickname: '王会员', association, created_at: '2026-11-01T02:00:00+00:00'}, overrides);
}

function competition(overrides = {}) {
  const now = Date.now();
  return Object.assign(
    {
      id: 3,
      title: '2026年台州市清廉知识竞赛',
      status: 'open',
      starts_at: iso(now - HOUR),
      ends_at: iso(now + 30 * 24 * HOUR),
      time_limit_seconds: 600,
      question_count: 20,
      max_score: 100,
      attempts_allowed: 3,
      attempts_used: 1,
      attempt_in_progress: null,
      best_score: 85,
      eligible: true,
    },
    overrides,
  );
}

function page(items, overrides = {}) {
  return Object.assign({items, total: items.length, page: 1, page_size: 20}, overrides);
}

module.exports = {HOUR, iso, association, member, competition, page};
