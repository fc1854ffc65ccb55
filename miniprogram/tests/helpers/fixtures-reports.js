// Report bodies shaped as backend/app/reports/schemas.py gives them, for the reports' tests.

const MARKET = {authority: '市场监督管理部门', channel: '全国12315平台（12315.cn）或拨打 12315', when: '收费价格违法问题'};
const DISCIPLINE = {authority: '纪检监察机关', channel: '12388 举报网站或拨打 12388', when: '党员或公职人员违纪违法问题'};

const RECEIPT = '4821093375610248';

function notice(limits = {}) {
  return {
    version: '2026-11',
    title: '问题反映须知',
    paragraphs: ['本平台受理对台州市行业协会商会乱收费等问题的反映。', '捏造事实、故意诬告陷害他人的，将依法依规追究责任。'],
    limits: Object.assign({max_images: 9, max_image_bytes: 10 * 1024 * 1024, title_max: 50, body_max: 2000, daily_reports: 5}, limits),
  };
}

function categories() {
  return [
    {
      code: 'arbitrary_fees',
      name: '乱收费',
      guidance: '行业协会商会违规收费，按全国清理规范收费的 15 类情形选择。',
      referral: null,
      children: [
        {code: 'fee_forced_membership', name: '强制或变相强制入会收会费', guidance: '写明协会如何要求入会，以及收取的会费金额。', referral: null},
        {code: 'fee_kickbacks', name: '收费返成', guidance: '写明收费项目、返还给谁、返还比例或金额。', referral: null},
        {code: 'fee_market_prices', name: '市场调节价收费不合理', guidance: '写明服务名称、收费金额。', referral: MARKET},
      ],
    },
    {code: 'obstructing_withdrawal', name: '阻碍退会', guidance: '写明您提出退会的时间和方式。', referral: null, children: []},
    {code: 'leader_misconduct', name: '负责人违纪违规', guidance: '写明负责人的职务和具体行为。', referral: DISCIPLINE, children: []},
    {code: 'other', name: '其他', guidance: '请写明问题的具体情况。', referral: null, children: []},
  ];
}

function districts() {
  return [
    {code: '331002', name: '椒江区'},
    {code: '331003', name: '黄岩区'},
  ];
}

const association = {id: 7, name: '台州市椒江区建筑业协会', district: '331002', district_name: '椒江区'};

function message(overrides = {}) {
  return Object.assign({author: 'staff', body: '已受理。', sent_on: '2026-12-09', attachment_count: 0}, overrides);
}

/** POST /reports/track's answer (ReportStatusSchema). */
function status(overrides = {}) {
  return Object.assign(
    {
      public_id: 'JB7K3M9PQR2T',
      anonymous: true,
      status: 'submitted',
      status_label: '已提交',
      category: 'fee_kickbacks',
      category_name: '乱收费 · 收费返成',
      submitted_on: '2026-12-08',
      accepted_on: null,
      resolved_on: null,
      accept_due_on: '2026-12-29',
      resolve_due_on: '2027-03-08',
      extension_reason: null,
      transferred_to: null,
      merged_into: null,
      can_rate: false,
      rating: null,
      reopened: false,
      purged: false,
      messages: [],
    },
    overrides,
  );
}

/** GET /me/reports/{public_id}'s answer (MyReportDetailSchema). */
function myReport(overrides = {}) {
  return Object.assign(
    status({anonymous: false}),
    {
      title: '协会强制要求参加收费培训',
      body: '2026年11月协会通知所有会员企业必须参加每人 800 元的培训，否则不予年检盖章。',
      association: {id: 7, name: '台州市椒江区建筑业协会', district: '331002'},
      reporter_name: '李明',
      reporter_phone: '13812345678',
    },
    overrides,
  );
}

/** One row of GET /me/reports (MyReportSchema). */
function myReportRow(overrides = {}) {
  const full = myReport(overrides);
  return {
    public_id: full.public_id,
    title: full.title,
    status: full.status,
    status_label: full.status_label,
    category: full.category,
    category_name: full.category_name,
    association: full.association,
    submitted_on: full.submitted_on,
    accept_due_on: full.accept_due_on,
    resolve_due_on: full.resolve_due_on,
    can_rate: full.can_rate,
    rating: full.rating,
  };
}

module.exports = {RECEIPT, MARKET, DISCIPLINE, notice, categories, districts, association, message, status, myReport, myReportRow};
