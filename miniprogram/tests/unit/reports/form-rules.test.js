const form = require('../../../packages/reports/utils/report-form');
const photos = require('../../../packages/reports/utils/report-photos');
const fx = require('../../helpers/fixtures-reports');

const limits = fx.notice().limits;

function draft(overrides = {}) {
  return Object.assign(
    {
      category: 'fee_kickbacks',
      association: fx.association,
      district: '331002',
      title: '协会收费返成',
      body: '协会要求会员企业缴纳的培训费中有一部分返给了培训机构的负责人。',
      anonymous: true,
      name: '',
      phone: '',
      photos: photos.summary([]),
    },
    overrides,
  );
}

describe('validate', () => {
  test('a complete anonymous draft passes', () => {
    expect(form.validate(draft(), limits)).toEqual({});
  });

  test('says what is missing or out of bounds, as the server would', () => {
    const errors = form.validate(draft({category: '', association: null, district: '', title: ' 收费 ', body: '太短了'}), limits);
    expect(errors).toEqual({
      category: '请选择问题类别',
      association: '请选择被反映的协会',
      district: '请选择区县',
      title: '标题至少写 4 个字',
      body: '问题描述至少写 20 个字',
    });
    expect(form.validate(draft({title: '长'.repeat(51)}), limits).title).toBe('标题最多 50 个字，现在有 51 个字');
    expect(form.validate(draft({body: '字'.repeat(30)}), {title_max: 50, body_max: 25}).body).toBe('问题描述最多 25 个字，现在有 30 个字');
  });

  test('counts characters as the server does (an emoji is one)', () => {
    expect(form.length(' 😀😀😀😀 ')).toBe(4);
    expect(form.validate(draft({title: '😀😀😀😀'}), limits).title).toBeUndefined();
  });

  test('a category with a referral needs the referral read first', () => {
    const referral = {title: '…', channel: '…'};
    expect(form.validate(draft({referral, referralSeen: false}), limits).category).toBe('请先阅读该类别的受理渠道说明，点“我已了解”后继续');
    expect(form.validate(draft({referral, referralSeen: true}), limits)).toEqual({});
  });

  test('the association must be in the chosen district', () => {
    expect(form.validate(draft({district: '331003'}), limits).district).toBe('所选协会不在该区县，请重新选择协会或区县');
  });

  test('named reports need a real name and an 11-digit mobile number', () => {
    const errors = form.validate(draft({anonymous: false, name: '李', phone: '1381234567'}), limits);
    expect(errors).toEqual({name: '姓名至少写 2 个字', phone: '请填写 11 位手机号码'});
    expect(form.validate(draft({anonymous: false, name: '李明', phone: '12812345678'}), limits).phone).toBe('请填写 11 位手机号码');
    expect(form.validate(draft({anonymous: false, name: '李明', phone: '13812345678'}), limits)).toEqual({});
  });

  test('photos still uploading or failed hold the submission', () => {
    expect(form.validate(draft({photos: {busy: true}}), limits).photos).toBe('还有图片正在上传，请稍候');
    expect(form.validate(draft({photos: {failed: true}}), limits).photos).toBe('有图片上传失败，请重试或删除');
  });
});

test('the payload of an anonymous report carries no name or phone, even if typed before', () => {
  const body = form.payload(draft({name: '李明', phone: '13812345678', title: ' 协会收费返成 '}), '2026-11', ['u1']);
  expect(body).toEqual({
    anonymous: true,
    category: 'fee_kickbacks',
    district: '331002',
    association_id: 7,
    title: '协会收费返成',
    body: '协会要求会员企业缴纳的培训费中有一部分返给了培训机构的负责人。',
    upload_ids: ['u1'],
    notice_version: '2026-11',
  });
  const named = form.payload(draft({anonymous: false, name: ' 李明 ', phone: '13812345678'}), '2026-11', []);
  expect(named).toMatchObject({anonymous: false, reporter_name: '李明', reporter_phone: '13812345678'});
});

test('spots a mobile number in the text', () => {
  expect(form.mentionsMobile('请联系我 13812345678 谢谢')).toBe(true);
  expect(form.mentionsMobile('金额 138123456789 元')).toBe(false);
  expect(form.mentionsMobile('收费 800 元')).toBe(false);
});

describe('photos', () => {
  const file = (name, size = 1000) => ({tempFilePath: `wxfile://tmp/${name}.jpg`, size});

  test('adds chosen files up to the limit and leaves out files that are too large', () => {
    const first = photos.add([], [file('a'), file('big', 11 * 1024 * 1024), file('b')], {max: 3, maxBytes: 10 * 1024 * 1024});
    expect(first.list.map((photo) => [photo.path, photo.state])).toEqual([
      ['wxfile://tmp/a.jpg', 'waiting'],
      ['wxfile://tmp/b.jpg', 'waiting'],
    ]);
    expect(first.tooLarge).toBe(1);
    const second = photos.add(first.list, [file('c'), file('d')], {max: 3, maxBytes: 10 * 1024 * 1024});
    expect(second.list).toHaveLength(3);
    expect(second.overLimit).toBe(1);
    expect(photos.megabytes(10 * 1024 * 1024)).toBe('10 MB');
  });

  test('tracks each photo: next, done, failed, retried, removed', () => {
    let list = photos.add([], [file('a'), file('b')], {max: 9}).list;
    const [a, b] = list;
    expect(photos.next(list).key).toBe(a.key);
    list = photos.update(list, a.key, {state: 'done', uploadId: 'u-a'});
    list = photos.update(list, b.key, {state: 'failed', error: '网络不给力'});
    expect(photos.summary(list)).toEqual({count: 2, busy: false, failed: true, uploadIds: ['u-a']});
    list = photos.requeue(list);
    expect(photos.next(list).key).toBe(b.key);
    expect(photos.summary(list).busy).toBe(true);
    list = photos.remove(list, b.key);
    expect(photos.summary(list)).toEqual({count: 1, busy: false, failed: false, uploadIds: ['u-a']});
    expect(photos.requeue(list, {all: true})[0]).toMatchObject({state: 'waiting', uploadId: ''});
  });
});
