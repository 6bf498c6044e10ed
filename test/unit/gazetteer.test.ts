import assert from 'node:assert/strict';
import {
  Gazetteer,
  gazetteer,
  isGeneric,
  isPlaceChainValid,
  localOrganSuffixes,
  lookupDepartment,
  lookupLocalOrgan,
  lookupOrgan,
  lookupOrganization,
  lookupPlace,
  lookupPlaces,
  organAliases,
  organizationNames,
  parsePlaceChain,
  placeNames,
} from '../../src/core/recognise/gazetteer';
import organsData from '../../src/core/data/organs.json';
import placesData from '../../src/core/data/places.json';

describe('gazetteer', () => {
  describe('organs', () => {
    const cases: [string, string][] = [
      ['科技部', '科学技术部'],
      ['科学技术部', '科学技术部'],
      ['国家卫健委', '国家卫生健康委员会'],
      ['卫健委', '国家卫生健康委员会'],
      ['发改委', '国家发展和改革委员会'],
      ['国家发展改革委', '国家发展和改革委员会'],
      ['工信部', '工业和信息化部'],
      ['人社部', '人力资源和社会保障部'],
      ['住建部', '住房和城乡建设部'],
      ['国资委', '国务院国有资产监督管理委员会'],
      ['市场监管总局', '国家市场监督管理总局'],
      ['国家医保局', '国家医疗保障局'],
      ['医保局', '国家医疗保障局'],
      ['海关总署', '海关总署'],
      ['生态环境部', '生态环境部'],
      ['证监会', '中国证券监督管理委员会'],
      ['金融监管总局', '国家金融监督管理总局'],
      ['税务总局', '国家税务总局'],
      ['网信办', '中国共产党中央网络安全和信息化委员会办公室'],
      ['党中央', '中国共产党中央委员会'],
      ['中共中央', '中国共产党中央委员会'],
      ['中央纪委', '中国共产党中央纪律检查委员会'],
      ['国家监委', '国家监察委员会'],
      ['中组部', '中国共产党中央组织部'],
      ['中央组织部', '中国共产党中央组织部'],
      ['中宣部', '中国共产党中央宣传部'],
      ['中央统战部', '中国共产党中央统一战线工作部'],
      ['中央政法委', '中国共产党中央政法委员会'],
      ['中央和国家机关工委', '中国共产党中央和国家机关工作委员会'],
      ['全国人大常委会', '全国人民代表大会常务委员会'],
      ['全国政协', '中国人民政治协商会议全国委员会'],
      ['最高法', '最高人民法院'],
      ['最高检', '最高人民检察院'],
      ['国务院', '国务院'],
      ['国办', '国务院办公厅'],
      ['中央军委', '中央军事委员会'],
      ['国家中医药管理局', '国家中医药管理局'],
    ];
    for (const [mention, canonical] of cases) {
      it(`${mention} → ${canonical}`, () => {
        const r = lookupOrgan(mention);
        assert.ok(r, mention);
        assert.equal(r.canonical, canonical);
        assert.equal(r.parent, undefined, 'an organ itself has no entity parent');
      });
    }

    it('records the administrative superior separately from the entity parent', () => {
      assert.equal(lookupOrgan('国家能源局')?.supervisor, '国家发展和改革委员会');
      assert.equal(lookupOrgan('国家中医药局')?.supervisor, '国家卫生健康委员会');
      assert.equal(lookupOrgan('国家外汇管理局')?.supervisor, '中国人民银行');
      assert.equal(lookupOrgan('科技部')?.supervisor, '国务院');
      assert.equal(lookupOrgan('中组部')?.supervisor, '中国共产党中央委员会');
      assert.equal(lookupOrgan('科技部')?.kind, 'ministry');
      assert.equal(lookupOrgan('国家能源局')?.kind, 'bureau');
    });

    it('keeps former organs under their own name with a successor', () => {
      const r = lookupOrgan('国家卫生计生委');
      assert.equal(r?.canonical, '国家卫生和计划生育委员会');
      assert.equal(r?.former, true);
      assert.equal(r?.successor, '国家卫生健康委员会');
      assert.equal(lookupOrgan('环保部')?.successor, '生态环境部');
      assert.equal(lookupOrgan('银保监会')?.successor, '国家金融监督管理总局');
      assert.equal(lookupOrgan('国家工商总局')?.successor, '国家市场监督管理总局');
    });

    it('resolves named sub-units to their organ with a parent', () => {
      assert.deepEqual(pick(lookupOrgan('中央宣讲团')), { canonical: '中国共产党中央委员会', parent: '中国共产党中央委员会' });
      assert.deepEqual(pick(lookupOrgan('全国人大财经委')), { canonical: '全国人民代表大会', parent: '全国人民代表大会' });
    });

    it('returns undefined for unknown names', () => {
      assert.equal(lookupOrgan('科技部门'), undefined);
      assert.equal(lookupOrgan(''), undefined);
    });

    it('has enough organs and aliases, all unique', () => {
      assert.ok(organsData.organs.length >= 120, `organs: ${organsData.organs.length}`);
      const aliases = organsData.organs.reduce((n, o) => n + o.aliases.length, 0);
      assert.ok(aliases >= 300, `aliases: ${aliases}`);
      const names = organsData.organs.flatMap((o) => [o.canonical, ...o.aliases]);
      assert.equal(new Set(names).size, names.length, 'an alias maps to two organs');
      const all = organAliases();
      for (const n of ['科技部', '党中央', '中央宣讲团', '国家卫生健康委员会']) assert.ok(all.includes(n), n);
    });

    it('keeps every parent and successor inside the dictionary', () => {
      const canon = new Set(organsData.organs.map((o) => o.canonical));
      for (const o of organsData.organs as { canonical: string; parent?: string; successor?: string }[]) {
        if (o.parent) assert.ok(canon.has(o.parent), `${o.canonical} → ${o.parent}`);
        if (o.successor) assert.ok(canon.has(o.successor), `${o.canonical} → ${o.successor}`);
      }
    });

    it('treats 中共 and 中国共产党 as the same canonical prefix', () => {
      assert.ok(gazetteer.sameCanonical('中共中央组织部', '中国共产党中央组织部'));
      assert.ok(!gazetteer.sameCanonical('中共中央组织部', '中国共产党中央宣传部'));
    });
  });

  describe('departments (organ + sub-unit, local organs)', () => {
    const cases: [string, string, string | undefined][] = [
      ['科技部', '科学技术部', undefined],
      ['科技部党组', '科学技术部', '科学技术部'],
      ['科技部战略规划司', '科学技术部', '科学技术部'],
      ['生态环境部党组', '生态环境部', '生态环境部'],
      ['国家卫健委党组', '国家卫生健康委员会', '国家卫生健康委员会'],
      ['海关总署党委', '海关总署', '海关总署'],
      ['中央组织部干部四局', '中国共产党中央组织部', '中国共产党中央组织部'],
      ['国务院联防联控机制疫苗接种工作协调组', '国务院', '国务院'],
      ['中央纪委国家监委驻科技部纪检监察组', '中国共产党中央纪律检查委员会', '中国共产党中央纪律检查委员会'],
      ['北京市科委', '北京市科学技术委员会', undefined],
      ['富源县委', '中国共产党富源县委员会', undefined],
      ['新店街道党工委', '中国共产党新店街道工作委员会', undefined],
      ['江苏省医保部门', '江苏省医疗保障局', undefined],
      ['江西九江市直机关工委', '中国共产党九江市直属机关工作委员会', undefined],
      ['贵州六盘水市新桥街道党工委', '中国共产党六盘水市新桥街道工作委员会', undefined],
      ['四川泸州市江阳区华阳街道党工委', '中国共产党泸州市江阳区华阳街道工作委员会', undefined],
      ['黑龙江哈尔滨市南岗区荣市街道龙泰社区党委', '中国共产党哈尔滨市南岗区荣市街道龙泰社区委员会', undefined],
      ['北京市朝阳区委', '中国共产党北京市朝阳区委员会', undefined],
      ['山东省科技厅', '山东省科学技术厅', undefined],
      ['济南市人社局', '济南市人力资源和社会保障局', undefined],
      ['北京市政府', '北京市人民政府', undefined],
      ['北京海关', '北京海关', undefined],
      ['北京市科委党组', '北京市科学技术委员会', '北京市科学技术委员会'],
      ['湖南省委组织部', '中共湖南省委组织部', undefined],
      ['云南省纪委监委', '中国共产党云南省纪律检查委员会', undefined],
      ['湖南省委常委会', '中国共产党湖南省委员会', '中国共产党湖南省委员会'],
      ['北京市水务局', '北京市水务局', undefined],
      ['福建省委教育工委', '中共福建省委教育工作委员会', undefined],
      ['黔东南州委', '中国共产党黔东南苗族侗族自治州委员会', undefined],
      ['香港特区政府', '香港特别行政区政府', undefined],
      ['澳门特别行政区政府', '澳门特别行政区政府', undefined],
      ['中央政治局', '中国共产党中央委员会', '中国共产党中央委员会'],
      ['中共中央政治局常委会', '中国共产党中央委员会', '中国共产党中央委员会'],
      ['中国人民银行广州分行', '中国人民银行', '中国人民银行'],
      ['中央纪委国家监委驻农业农村部纪检监察组', '中国共产党中央纪律检查委员会', '中国共产党中央纪律检查委员会'],
      ['武汉市江汉区民意街道办事处', '武汉市江汉区民意街道办事处', undefined],
    ];
    for (const [mention, canonical, parent] of cases) {
      it(`${mention} → ${canonical}${parent ? ` (parent ${parent})` : ''}`, () => {
        const r = lookupDepartment(mention);
        assert.ok(r, mention);
        assert.deepEqual(pick(r), parent ? { canonical, parent } : { canonical });
      });
    }

    it('does not merge two organs written side by side', () => {
      assert.equal(lookupDepartment('中央政法委中央和国家机关工委'), undefined);
      assert.equal(lookupDepartment('国务院提请全国人大常委会'), undefined);
    });

    it('does not take words that end like a sub-unit for sub-units', () => {
      for (const m of ['党中央统揽全局', '国务院总体布局', '中央军委主席负责制体制机制', '党中央驾驭全局', '国务院新发展格局']) {
        assert.equal(lookupDepartment(m), undefined, m);
      }
    });

    it('rejects generic mentions', () => {
      for (const m of ['有关部门', '机关党委', '镇党委', '各级党委', '督察组', '部党组', '科技部门', '街道办事处', '县委县政府', '省委常委会', '纪委监委']) {
        assert.equal(lookupDepartment(m), undefined, m);
      }
    });

    it('exposes the local suffix table with expansions', () => {
      const table = new Map(localOrganSuffixes().map((s) => [s.suffix, s.template]));
      assert.equal(table.get('科委'), '{place}科学技术委员会');
      assert.equal(table.get('人社厅'), '{place}人力资源和社会保障厅');
      assert.equal(table.get('市场监管局'), '{place}市场监督管理局');
      assert.equal(table.get('委'), '中国共产党{place}委员会');
      assert.equal(table.get('党工委'), '中国共产党{place}工作委员会');
      const m = lookupLocalOrgan('山东省科技厅');
      assert.equal(m?.levelOk, true);
      assert.equal(lookupLocalOrgan('济南市科技厅')?.levelOk, false, '厅 follows a province');
    });
  });

  describe('organizations', () => {
    it('resolves named institutions', () => {
      assert.equal(lookupOrganization('新华社')?.canonical, '新华通讯社');
      assert.equal(lookupOrganization('科技日报社')?.canonical, '科技日报社');
      assert.equal(lookupOrganization('国家电网')?.canonical, '国家电网有限公司');
      assert.equal(lookupOrganization('中国石油')?.canonical, '中国石油天然气集团有限公司');
      assert.equal(lookupOrganization('中国石化')?.canonical, '中国石油化工集团有限公司');
      assert.equal(lookupOrganization('中国农业银行')?.kind, 'bank');
      assert.equal(lookupOrganization('全国妇联')?.canonical, '中华全国妇女联合会');
      assert.equal(lookupOrganization('中国科学院')?.kind, 'academy');
      assert.equal(lookupOrganization('中国妇女发展基金会')?.kind, 'foundation');
      assert.equal(lookupOrganization('厦门大学')?.kind, 'university');
      assert.equal(lookupOrganization('科技部'), undefined);
    });

    it('keeps organs and organizations apart', () => {
      const organs = new Set(organAliases());
      for (const n of organizationNames()) assert.ok(!organs.has(n), n);
      assert.equal(lookupOrgan('新华社'), undefined);
    });
  });

  describe('generic mentions', () => {
    it('flags mentions that name nothing', () => {
      for (const m of ['有关部门', '各部门', '各地区各部门各单位', '机关党委', '镇党委', '各级党委', '督察组', '科技部门', '教育部门', '卫生部门', '地方政府', '各有关单位', '供电公司']) {
        assert.ok(isGeneric(m), m);
      }
    });
    it('lists the exact generic mentions', () => {
      const list = gazetteer.genericMentions();
      for (const m of ['有关部门', '机关党委', '镇党委', '督察组']) assert.ok(list.includes(m), m);
    });
    it('does not flag names', () => {
      for (const m of ['科技部', '江苏省医保部门', '北京市科委', '国务院', '新华社', '湖北省']) assert.ok(!isGeneric(m), m);
    });
  });

  describe('places', () => {
    const cases: [string, string, string][] = [
      ['内蒙古', '内蒙古自治区', 'province'],
      ['新疆', '新疆维吾尔自治区', 'province'],
      ['广西', '广西壮族自治区', 'province'],
      ['宁夏', '宁夏回族自治区', 'province'],
      ['西藏', '西藏自治区', 'province'],
      ['北京', '北京市', 'province'],
      ['河北', '河北省', 'province'],
      ['吉林', '吉林省', 'province'],
      ['海南', '海南省', 'province'],
      ['香港', '香港特别行政区', 'province'],
      ['济南', '济南市', 'city'],
      ['延边', '延边朝鲜族自治州', 'city'],
      ['玉树', '玉树藏族自治州', 'city'],
      ['锡林郭勒', '锡林郭勒盟', 'city'],
      ['长海', '长海县', 'county'],
      ['长海县', '长海县', 'county'],
      ['和林格尔县', '和林格尔县', 'county'],
      ['榆阳区', '榆阳区', 'county'],
      ['巴音布鲁克镇', '巴音布鲁克镇', 'town'],
      ['大红城乡', '大红城乡', 'town'],
    ];
    for (const [name, full, level] of cases) {
      it(`${name} → ${full} (${level})`, () => {
        const p = lookupPlace(name);
        assert.ok(p, name);
        assert.equal(p.name, full);
        assert.equal(p.level, level);
      });
    }

    it('skips placeholder rows and generates no risky short forms', () => {
      for (const n of ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']) assert.equal(lookupPlace(n), undefined, n);
      for (const s of ['公安', '会同', '合作', '资源', '东方', '城关', '和平', '比如', '中方', '东区']) {
        assert.ok(lookupPlaces(s).every((p) => p.name === s), `short form ${s}`);
      }
      assert.ok(lookupPlace('城关镇')?.ambiguous, '88 towns are named 城关镇');
    });

    it('validates chains', () => {
      assert.ok(isPlaceChainValid('辽宁省', '长海县'));
      assert.ok(isPlaceChainValid('辽宁', '长海县'));
      assert.ok(isPlaceChainValid('大连市', '长海县'));
      assert.ok(isPlaceChainValid('新疆维吾尔自治区', '和静县'));
      assert.ok(isPlaceChainValid('和静县', '巴音布鲁克镇'));
      assert.ok(isPlaceChainValid('重庆市', '南川区'));
      assert.ok(!isPlaceChainValid('辽宁省', '和静县'));
      assert.ok(!isPlaceChainValid('长海县', '辽宁省'));
      const p = lookupPlace('长海县')!;
      assert.deepEqual(gazetteer.ancestors(p.code).map((a) => a.name), ['大连市', '辽宁省']);
    });

    it('parses place chains from text', () => {
      const cases: [string, string, string[], string?][] = [
        ['在辽宁省长海县，长期', '辽宁省长海县', ['辽宁省', '长海县']],
        ['内蒙古自治区和林格尔县大红城乡西窑子村，', '内蒙古自治区和林格尔县大红城乡西窑子村', ['内蒙古自治区', '和林格尔县', '大红城乡'], '西窑子村'],
        ['安徽淮南市谢家集区新河村的', '安徽淮南市谢家集区新河村', ['安徽省', '淮南市', '谢家集区'], '新河村'],
        ['湖南长沙市天心区裕南街街道东电社区', '湖南长沙市天心区裕南街街道东电社区', ['湖南省', '长沙市', '天心区', '裕南街街道'], '东电社区'],
        ['青海玉树', '青海玉树', ['青海省', '玉树藏族自治州']],
        ['新疆维吾尔自治区和静县巴音布鲁克镇', '新疆维吾尔自治区和静县巴音布鲁克镇', ['新疆维吾尔自治区', '和静县', '巴音布鲁克镇']],
        ['长海县农村', '长海县', ['长海县']],
        // short form of an autonomous prefecture or county + its level character
        ['甘肃省临夏回族自治州积石山县', '甘肃省临夏回族自治州积石山县', ['甘肃省', '临夏回族自治州', '积石山保安族东乡族撒拉族自治县']],
        ['临夏州积石山县', '临夏州积石山县', ['临夏回族自治州', '积石山保安族东乡族撒拉族自治县']],
      ];
      for (const [text, span, names, tail] of cases) {
        const start = text.startsWith('在') ? 1 : 0;
        const c = parsePlaceChain(text, start);
        assert.ok(c, text);
        assert.equal(c.text, span, text);
        assert.equal(c.start, start);
        assert.equal(c.end, start + span.length);
        assert.deepEqual(c.places.map((p) => p.name), names, text);
        assert.equal(c.tail, tail, text);
      }
      assert.equal(parsePlaceChain('全国各地'), undefined);
      // a street missing from the divisions after a county
      const street = parsePlaceChain('湖北省武汉市江汉区民意街道办事处');
      assert.equal(street?.text, '湖北省武汉市江汉区民意街道');
      assert.equal(street?.tail, '民意街道');
      assert.equal(parsePlaceChain('江汉区各街道')?.tail, undefined);
      // 临夏州 is the autonomous prefecture; 北京州 is nothing
      assert.equal(lookupPlace('临夏州')?.name, '临夏回族自治州');
      assert.equal(lookupPlace('甘孜州')?.name, '甘孜藏族自治州');
      assert.equal(lookupPlace('北京州'), undefined);
    });

    it('has sane counts', () => {
      const s = gazetteer.stats();
      assert.ok(s.places.province >= 30, `provinces: ${s.places.province}`);
      assert.ok(s.places.city >= 300, `cities: ${s.places.city}`);
      assert.ok(s.places.county >= 2800, `counties: ${s.places.county}`);
      assert.ok(s.places.town >= 38000, `towns: ${s.places.town}`);
      assert.ok(s.organs >= 120);
      assert.equal(placesData.header.counts.counties, s.places.county);
    });

    it('lists place names for the user dictionary without weak names', () => {
      const names = new Set(placeNames());
      for (const n of ['内蒙古', '内蒙古自治区', '济南', '长海县', '巴音布鲁克镇', '城关镇']) assert.ok(names.has(n), n);
      for (const n of ['城区', '郊区', '矿区', '东区']) assert.ok(!names.has(n), n);
      const noTowns = new Set(placeNames({ towns: false }));
      assert.ok(!noTowns.has('巴音布鲁克镇'));
      assert.ok(noTowns.has('长海县'));
    });
  });

  it('builds its indexes quickly', () => {
    const g = new Gazetteer();
    const t0 = performance.now();
    g.lookupOrgan('科技部');
    g.lookupPlace('济南');
    g.parsePlaceChain('辽宁省长海县');
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `index build took ${ms.toFixed(0)} ms`);
  });
});

function pick(r: { canonical: string; parent?: string } | undefined): { canonical: string; parent?: string } | undefined {
  if (!r) return undefined;
  return r.parent === undefined ? { canonical: r.canonical } : { canonical: r.canonical, parent: r.parent };
}
