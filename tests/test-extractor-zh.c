/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-extractor-zh"
#include "config.h"

#include <math.h>
#include <string.h>

#include "cited.h"

/*
 * Chinese figures through the public extractor, one table row per
 * sentence in the style of Chinese tech and business news. Each row names
 * the figure as written and every field it must come out with; fields left
 * out must come out empty (NULL, 0, not a range). A row with no text is a
 * trap: the sentence must give no figure at all. The published date of
 * every article is 2021-06-01, so 今年 is 2021 and 去年 2020.
 */

typedef struct {
  const char *body;
  const char *text;          /* NULL: no figure at all */
  double value;
  double value_max;          /* 0: not a range */
  const char *unit;
  const char *currency;
  const char *qualifier;
  const char *metric;
  const char *scope;
  const char *brand;
  int year;
  int quarter;
  gboolean only;             /* the only figure of the body */
} ZhCase;

static const ZhCase cases[] = {
  /* Scales on Arabic and Chinese numerals, full-width digits. */
  { .body = "2021年，小米全球智能手机销量达到1.9亿台。", .text = "1.9亿台", .value = 190000000,
    .unit = "units", .metric = "sales", .scope = "global", .brand = "Xiaomi", .year = 2021, .only = TRUE },
  { .body = "小米海外市场销量为1.4亿台。", .text = "1.4亿台", .value = 140000000,
    .unit = "units", .metric = "sales", .scope = "overseas", .brand = "Xiaomi" },
  { .body = "小米国内销量约5000万台。", .text = "5000万台", .value = 50000000, .unit = "units",
    .qualifier = "about", .metric = "sales", .scope = "domestic", .brand = "Xiaomi" },
  { .body = "华为第三季度出货量为 3580 万台。", .text = "3580 万台", .value = 35800000,
    .unit = "units", .metric = "shipments", .brand = "Huawei", .quarter = 3, .only = TRUE },
  { .body = "荣耀去年营收一千多万元。", .text = "一千多万元", .value = 10000000, .currency = "CNY",
    .qualifier = "more than", .metric = "revenue", .brand = "Honor", .year = 2020 },
  { .body = "三星在越南的工厂雇佣了三万名员工。", .text = "三万名员工", .value = 30000,
    .unit = "people", .metric = "employees", .brand = "Samsung" },
  { .body = "该项目总投资3万4000元。", .text = "3万4000元", .value = 34000, .currency = "CNY",
    .metric = "investment" },
  { .body = "OPPO 今年在印度的出货量为 ２０００万部。", .text = "２０００万部", .value = 20000000,
    .unit = "units", .metric = "shipments", .scope = "India", .brand = "OPPO", .year = 2021 },
  { .body = "一加在欧洲的门店已达 2，300 家。", .text = "2，300 家", .value = 2300, .unit = "stores",
    .metric = "stores", .scope = "Europe", .brand = "OnePlus" },
  { .body = "vivo 本季度出货量为１．５亿部。", .text = "１．５亿部", .value = 150000000,
    .unit = "units", .metric = "shipments", .brand = "vivo" },
  { .body = "华为拥有超过 10 万件专利。", .text = "10 万件专利", .value = 100000, .unit = "patents",
    .qualifier = "more than", .metric = "patents", .brand = "Huawei" },
  { .body = "小米的研发人员约为 1.6 万人。", .text = "1.6 万人", .value = 16000, .unit = "people",
    .qualifier = "about", .metric = "employees", .brand = "Xiaomi" },
  { .body = "荣耀的员工总数达到 1.3 万名。", .text = "1.3 万名", .value = 13000, .unit = "people",
    .metric = "employees", .brand = "Honor" },
  { .body = "华为去年卖出了两千万部手机。", .text = "两千万部", .value = 20000000, .unit = "units",
    .metric = "sales", .brand = "Huawei", .year = 2020 },
  { .body = "小米在印度有一百多家门店。", .text = "一百多家门店", .value = 100, .unit = "stores",
    .qualifier = "more than", .metric = "stores", .scope = "India", .brand = "Xiaomi" },
  { .body = "荣耀今年的销量有望突破五千万台。", .text = "五千万台", .value = 50000000, .unit = "units",
    .qualifier = "exceeded", .metric = "sales", .brand = "Honor", .year = 2021 },
  { .body = "三星在越南雇佣了 10 余万名员工。", .text = "10 余万名员工", .value = 100000,
    .unit = "people", .qualifier = "more than", .metric = "employees", .brand = "Samsung" },
  { .body = "vivo 在印度的员工人数达到 3000。", .text = "3000", .value = 3000, .unit = "people",
    .metric = "employees", .scope = "India", .brand = "vivo" },
  { .body = "小米之家门店数量超过 1 万家。", .text = "1 万家", .value = 10000, .unit = "stores",
    .qualifier = "more than", .metric = "stores", .brand = "Xiaomi" },
  { .body = "２０２１年华为手机出货量为 3500 万台。", .text = "3500 万台", .value = 35000000,
    .unit = "units", .metric = "shipments", .brand = "Huawei", .year = 2021, .only = TRUE },
  { .body = "华为在 2019 年卖出了 2.4 亿部手机，其中 P30 系列卖出 2000 万部。", .text = "2.4 亿部",
    .value = 240000000, .unit = "units", .metric = "sales", .brand = "Huawei", .year = 2019 },
  { .body = "小米的用户数量达到 5 亿以上。", .text = "5 亿", .value = 500000000, .unit = "users",
    .qualifier = "more than", .metric = "users", .brand = "Xiaomi" },
  { .body = "小米拥有 5 亿月活用户。", .text = "5 亿月活用户", .value = 500000000, .unit = "users",
    .metric = "users", .brand = "Xiaomi" },
  { .body = "联发科去年出货了 3.5 亿颗芯片。", .text = "3.5 亿颗", .value = 350000000, .unit = "units",
    .metric = "shipments", .brand = "MediaTek", .year = 2020 },

  /* Ranges. */
  { .body = "传音今年在非洲的出货量预计在 5000 万至 6000 万部之间。", .text = "5000 万至 6000 万部",
    .value = 50000000, .value_max = 60000000, .unit = "units", .metric = "shipments",
    .scope = "Africa", .brand = "Transsion", .year = 2021 },
  { .body = "分析师预计小米可售出 1500 万到 2000 万台。", .text = "1500 万到 2000 万台",
    .value = 15000000, .value_max = 20000000, .unit = "units", .metric = "sales", .brand = "Xiaomi" },
  { .body = "苹果预计将生产 1500 到 2000 万台 iPhone。", .text = "1500 到 2000 万台",
    .value = 15000000, .value_max = 20000000, .unit = "units", .brand = "Apple" },
  { .body = "该款耳机售价在 40-50 美元之间。", .text = "40-50 美元", .value = 40, .value_max = 50,
    .currency = "USD", .metric = "price" },
  { .body = "小米计划新开三到五家门店。", .text = "三到五家门店", .value = 3, .value_max = 5,
    .unit = "stores", .metric = "stores", .brand = "Xiaomi" },
  { .body = "三星的市场份额在 20%-22%之间。", .text = "20%-22%", .value = 20, .value_max = 22,
    .unit = "%", .metric = "market share", .brand = "Samsung" },
  { .body = "荣耀每月新增两三万名用户。", .text = "两三万名用户", .value = 20000, .value_max = 30000,
    .unit = "users", .metric = "users", .brand = "Honor" },

  /* Percentages. */
  { .body = "小米在印度的市场份额为 13%。", .text = "13%", .value = 13, .unit = "%",
    .metric = "market share", .scope = "India", .brand = "Xiaomi" },
  { .body = "华为的海外收入同比增长１３％。", .text = "１３％", .value = 13, .unit = "%",
    .metric = "growth", .scope = "overseas", .brand = "Huawei" },
  { .body = "苹果在中国的市场份额约为百分之十三。", .text = "百分之十三", .value = 13, .unit = "%",
    .qualifier = "about", .metric = "market share", .scope = "China", .brand = "Apple" },
  { .body = "OPPO 出货量同比下降 42.4%。", .text = "42.4%", .value = -42.4, .unit = "%",
    .metric = "growth", .brand = "OPPO" },
  { .body = "小米占全球智能手机出货量的 17%。", .text = "17%", .value = 17, .unit = "%",
    .metric = "market share", .scope = "global", .brand = "Xiaomi" },
  { .body = "三星以 19.1%的份额排名第二。", .text = "19.1%", .value = 19.1, .unit = "%",
    .metric = "market share", .brand = "Samsung" },
  { .body = "荣耀的市场份额提升了 1.5 个百分点。", .text = "1.5 个百分点", .value = 1.5, .unit = "%",
    .metric = "growth", .brand = "Honor" },
  { .body = "OPPO 的海外出货量占比为 40%。", .text = "40%", .value = 40, .unit = "%",
    .metric = "market share", .scope = "overseas", .brand = "OPPO" },
  { .body = "一加在美国的销量增长了 100%以上。", .text = "100%", .value = 100, .unit = "%",
    .qualifier = "more than", .metric = "growth", .scope = "United States", .brand = "OnePlus" },
  { .body = "传音 2020 年在非洲的市场份额超过 40%。", .text = "40%", .value = 40, .unit = "%",
    .qualifier = "more than", .metric = "market share", .scope = "Africa", .brand = "Transsion",
    .year = 2020 },

  /* Money. */
  { .body = "小米 11 售价 3999 元。", .text = "3999 元", .value = 3999, .currency = "CNY",
    .metric = "price", .brand = "Xiaomi", .only = TRUE },
  { .body = "Redmi Note 12 起售价为 1099 元。", .text = "1099 元", .value = 1099, .currency = "CNY",
    .metric = "price", .brand = "Xiaomi", .only = TRUE },
  { .body = "高通宣布已完成对 NUVIA 的 14 亿美元收购。", .text = "14 亿美元", .value = 1400000000,
    .currency = "USD", .metric = "investment", .brand = "Qualcomm" },
  { .body = "苹果第四季度营收达到 1114 亿美元。", .text = "1114 亿美元", .value = 111400000000.0,
    .currency = "USD", .metric = "revenue", .brand = "Apple", .quarter = 4 },
  { .body = "华为 2020 年净利润为 646 亿元人民币。", .text = "646 亿元人民币", .value = 64600000000.0,
    .currency = "CNY", .metric = "profit", .brand = "Huawei", .year = 2020, .only = TRUE },
  { .body = "一加 9 在印度的售价为₹49,999。", .text = "₹49,999", .value = 49999, .currency = "INR",
    .metric = "price", .scope = "India", .brand = "OnePlus", .only = TRUE },
  { .body = "三星 Galaxy S21 在欧洲售价 €849。", .text = "€849", .value = 849, .currency = "EUR",
    .metric = "price", .scope = "Europe", .brand = "Samsung", .only = TRUE },
  { .body = "这款耳机在英国的售价为 £99。", .text = "£99", .value = 99, .currency = "GBP",
    .metric = "price", .scope = "United Kingdom" },
  { .body = "索尼在日本的营收为 3 万亿日元。", .text = "3 万亿日元", .value = 3e12, .currency = "JPY",
    .metric = "revenue", .scope = "Japan", .brand = "Sony" },
  { .body = "三星电子季度营业利润为 9 万亿韩元。", .text = "9 万亿韩元", .value = 9e12,
    .currency = "KRW", .metric = "profit", .brand = "Samsung" },
  { .body = "小米的市值一度超过 1000 亿美元。", .text = "1000 亿美元", .value = 1e11, .currency = "USD",
    .qualifier = "more than", .metric = "capital", .brand = "Xiaomi" },
  { .body = "红米 K40 的价格为 1999 元起。", .text = "1999 元", .value = 1999, .currency = "CNY",
    .metric = "price", .brand = "Xiaomi", .only = TRUE },
  { .body = "华为投资人民币 30 亿元建设研发中心。", .text = "人民币 30 亿元", .value = 3e9,
    .currency = "CNY", .metric = "investment", .brand = "Huawei" },
  { .body = "联发科去年营收为 US$ 110 亿。", .text = "US$ 110 亿", .value = 1.1e10, .currency = "USD",
    .metric = "revenue", .brand = "MediaTek", .year = 2020 },
  { .body = "该市场的销售额超过 150 亿美元。", .text = "150 亿美元", .value = 1.5e10, .currency = "USD",
    .qualifier = "more than", .metric = "revenue" },

  /* Qualifiers. */
  { .body = "小米的出货量超过 5000 万台。", .text = "5000 万台", .value = 50000000, .unit = "units",
    .qualifier = "more than", .metric = "shipments", .brand = "Xiaomi" },
  { .body = "三星本季度出货了近 8000 万部智能手机。", .text = "8000 万部", .value = 80000000,
    .unit = "units", .qualifier = "nearly", .metric = "shipments", .brand = "Samsung" },
  { .body = "小米在欧洲表现强劲。该公司出货量不到 1300 万台。", .text = "1300 万台", .value = 13000000,
    .unit = "units", .qualifier = "less than", .metric = "shipments", .brand = "Xiaomi" },
  { .body = "华为至少售出了 300 万部 Mate 40。", .text = "300 万部", .value = 3000000, .unit = "units",
    .qualifier = "at least", .metric = "sales", .brand = "Huawei", .only = TRUE },
  { .body = "苹果的出货量高达 9000 万部。", .text = "9000 万部", .value = 90000000, .unit = "units",
    .qualifier = "up to", .metric = "shipments", .brand = "Apple" },
  { .body = "荣耀在国内的门店已逾 2000 家。", .text = "2000 家", .value = 2000, .unit = "stores",
    .qualifier = "more than", .metric = "stores", .scope = "domestic", .brand = "Honor" },
  { .body = "vivo 的销量在 3000 万台左右。", .text = "3000 万台", .value = 30000000, .unit = "units",
    .qualifier = "about", .metric = "sales", .brand = "vivo" },
  { .body = "OPPO 在欧洲的出货量大约为 100 万台。", .text = "100 万台", .value = 1000000,
    .unit = "units", .qualifier = "about", .metric = "shipments", .scope = "Europe", .brand = "OPPO" },
  { .body = "三星有将近 1.2 万名工程师参与研发。", .text = "1.2 万名工程师", .value = 12000,
    .unit = "people", .qualifier = "nearly", .metric = "employees", .brand = "Samsung" },

  /* Ranks. */
  { .body = "小米成为全球第二大智能手机厂商。", .text = "第二大", .value = 2, .metric = "rank",
    .scope = "global", .brand = "Xiaomi", .only = TRUE },
  { .body = "苹果以 23.4%的市场份额排名第一。", .text = "排名第一", .value = 1, .metric = "rank",
    .brand = "Apple" },
  { .body = "华为在中国市场排名第三。", .text = "排名第三", .value = 3, .metric = "rank",
    .scope = "China", .brand = "Huawei", .only = TRUE },
  { .body = "小米首次跻身前三。", .text = "前三", .value = 3, .qualifier = "top", .metric = "rank",
    .brand = "Xiaomi", .only = TRUE },
  { .body = "三星是全球最大的智能手机制造商。", .text = "全球最大", .value = 1, .metric = "rank",
    .scope = "global", .brand = "Samsung", .only = TRUE },
  { .body = "一加是印度第一大高端手机品牌。", .text = "第一大", .value = 1, .metric = "rank",
    .scope = "India", .brand = "OnePlus", .only = TRUE },
  { .body = "vivo 在东南亚位居第二。", .text = "位居第二", .value = 2, .metric = "rank",
    .scope = "Southeast Asia", .brand = "vivo", .only = TRUE },
  { .body = "OPPO 进入全球出货量前五名。", .text = "前五名", .value = 5, .qualifier = "top",
    .metric = "rank", .scope = "global", .brand = "OPPO", .only = TRUE },

  /* Periods. */
  { .body = "2020 年第四季度，小米出货量为 4400 万台。", .text = "4400 万台", .value = 44000000,
    .unit = "units", .metric = "shipments", .brand = "Xiaomi", .year = 2020, .quarter = 4, .only = TRUE },
  { .body = "华为在 Q3 的销量为 2000 万部。", .text = "2000 万部", .value = 20000000, .unit = "units",
    .metric = "sales", .brand = "Huawei", .quarter = 3, .only = TRUE },
  { .body = "三季度荣耀的出货量为 1500 万台。", .text = "1500 万台", .value = 15000000, .unit = "units",
    .metric = "shipments", .brand = "Honor", .quarter = 3, .only = TRUE },
  { .body = "苹果去年在中国卖出了 4000 万部 iPhone。", .text = "4000 万部", .value = 40000000,
    .unit = "units", .metric = "sales", .scope = "China", .brand = "Apple", .year = 2020, .only = TRUE },
  { .body = "二〇二一年小米营收为 3283 亿元。", .text = "3283 亿元", .value = 328300000000.0,
    .currency = "CNY", .metric = "revenue", .brand = "Xiaomi", .year = 2021, .only = TRUE },
  { .body = "截至 2021-03-31，小米在全球的门店数量为 1 万家。", .text = "1 万家", .value = 10000,
    .unit = "stores", .metric = "stores", .scope = "global", .brand = "Xiaomi", .year = 2021, .only = TRUE },
  { .body = "今年前三季度，小米的营收为 2500 亿元。", .text = "2500 亿元", .value = 250000000000.0,
    .currency = "CNY", .metric = "revenue", .brand = "Xiaomi", .year = 2021, .only = TRUE },
  { .body = "小米 2021 年研发投入为 132 亿元。", .text = "132 亿元", .value = 13200000000.0,
    .currency = "CNY", .metric = "investment", .brand = "Xiaomi", .year = 2021, .only = TRUE },

  /* Whose figure it is. */
  { .body = "小米汽车研发团队有 3000 人，而华为有 7,000 人。", .text = "3000 人", .value = 3000,
    .unit = "people", .metric = "employees", .brand = "Xiaomi" },
  { .body = "小米汽车研发团队有 3000 人，而华为有 7,000 人。", .text = "7,000 人", .value = 7000,
    .unit = "people", .metric = "employees", .brand = "Huawei" },
  { .body = "苹果和三星分别以 23% 和 19% 的份额领先。", .text = "23%", .value = 23, .unit = "%",
    .metric = "market share", .brand = "Apple" },
  { .body = "苹果和三星分别以 23% 和 19% 的份额领先。", .text = "19%", .value = 19, .unit = "%",
    .metric = "market share", .brand = "Samsung" },
  { .body = "在此期间，小米占智能手机出货量的 17%，紧随三星之后，三星占 19%。", .text = "19%",
    .value = 19, .unit = "%", .metric = "market share", .brand = "Samsung" },
  { .body = "小米表现强劲。全球智能手机出货量达 3 亿台。", .text = "3 亿台", .value = 300000000,
    .unit = "units", .metric = "shipments", .scope = "global" },
  { .body = "华为发布了新机。该公司今年的出货量为 2000 万台。", .text = "2000 万台", .value = 20000000,
    .unit = "units", .metric = "shipments", .brand = "Huawei", .year = 2021 },
  { .body = "三星 Galaxy S21 系列上半年仅售出 1350 万台。", .text = "1350 万台", .value = 13500000,
    .unit = "units", .metric = "sales", .brand = "Samsung", .only = TRUE },
  { .body = "红米今年的销量超过 4000 万台。", .text = "4000 万台", .value = 40000000, .unit = "units",
    .qualifier = "more than", .metric = "sales", .brand = "Xiaomi", .year = 2021 },
  { .body = "尽管三星仍然领先，小米本季度的出货量为 5000 万台。", .text = "5000 万台",
    .value = 50000000, .unit = "units", .metric = "shipments", .brand = "Xiaomi" },

  { .body = "北京四环内新房均价达 5.95万元/平方米。", .text = "5.95万元", .value = 59500,
    .currency = "CNY", .metric = "price", .only = TRUE },
  { .body = "上证指数本周上涨 2.3%。", .text = "2.3%", .value = 2.3, .unit = "%", .metric = "growth",
    .only = TRUE },

  { .body = "2020 年第三季度，联发科击败高通，成为全球最大的移动芯片组供应商。", .text = "全球最大",
    .value = 1, .metric = "rank", .scope = "global", .brand = "MediaTek", .year = 2020, .quarter = 3,
    .only = TRUE },
  { .body = "我们没想到小米会超越苹果成为榜单上的第三名。", .text = "第三名", .value = 3,
    .metric = "rank", .brand = "Xiaomi", .only = TRUE },
  { .body = "OPPO 售出了 5530 万部采用联发科芯片组的智能手机。", .text = "5530 万部", .value = 55300000,
    .unit = "units", .metric = "sales", .brand = "OPPO", .only = TRUE },
  { .body = "联发科今年的芯片出货量为 3.5 亿颗。", .text = "3.5 亿颗", .value = 350000000,
    .unit = "units", .metric = "shipments", .brand = "MediaTek", .year = 2021, .only = TRUE },
  { .body = "三星从小米手中夺回了 5% 的市场份额。", .text = "5%", .value = 5, .unit = "%",
    .metric = "market share", .brand = "Samsung", .only = TRUE },

  { .body = "任正非表示，研发投入将超过 200 亿美元。", .text = "200 亿美元", .value = 2e10,
    .currency = "USD", .qualifier = "more than", .metric = "investment", .brand = "Huawei", .only = TRUE },
  { .body = "库克透露，iPhone 在印度的销量增长了一倍多，达到 600 万部。", .text = "600 万部",
    .value = 6000000, .unit = "units", .metric = "sales", .scope = "India", .brand = "Apple", .only = TRUE },

  { .body = "荣耀计划明年出货一点五亿部手机。", .text = "一点五亿部", .value = 150000000, .unit = "units",
    .metric = "shipments", .brand = "Honor", .year = 2022, .only = TRUE },
  { .body = "华为的海外营收为１，２３４亿元。", .text = "１，２３４亿元", .value = 123400000000.0,
    .currency = "CNY", .metric = "revenue", .scope = "overseas", .brand = "Huawei", .only = TRUE },

  { .body = "2021 年，中国代工厂商超过三星，成为 Q2 第一。", .text = "第一", .value = 1, .metric = "rank",
    .year = 2021, .quarter = 2, .only = TRUE },
  { .body = "小米发布了新机。该公司超过三星，成为欧洲第一。", .text = "第一", .value = 1,
    .metric = "rank", .scope = "Europe", .brand = "Xiaomi", .only = TRUE },
  /* A clause that opens with a pronoun, in a sentence naming no brand
   * before the figure, is about the brand of the sentence before, not the
   * one named after it (brand rule pronoun-subject). */
  { .body = "华为发布了新机。该公司营收增长 5%，超过苹果。", .text = "5%", .value = 5, .unit = "%",
    .metric = "growth", .brand = "Huawei", .only = TRUE },
  { .body = "华为发布了新机。其利润下降 5%，低于三星。", .text = "5%", .value = -5, .unit = "%",
    .metric = "growth", .brand = "Huawei", .only = TRUE },
  { .body = "华为发布了新机。它的价格仅为 384 美元，搭载 Android 10。", .text = "384 美元", .value = 384,
    .currency = "USD", .metric = "price", .brand = "Huawei", .only = TRUE },
  /* "其中" (among them) is no pronoun subject: the rule passes. */
  { .body = "华为发布了新机。其中出货量达 500 万台，超过小米。", .text = "500 万台", .value = 5000000,
    .unit = "units", .metric = "shipments", .brand = "Xiaomi", .only = TRUE },
  { .body = "小米希望巩固在₹10,000-₹15,000 价格区间的地位。", .text = "₹10,000-₹15,000", .value = 10000,
    .value_max = 15000, .currency = "INR", .metric = "price", .brand = "Xiaomi", .only = TRUE },

  { .body = "一加手机在 100 多个国家和地区销售。", .text = "100 多个国家和地区", .value = 100,
    .unit = "countries", .qualifier = "more than", .metric = "markets", .brand = "OnePlus", .only = TRUE },

  { .body = "该地区一居室月租金在 2000-3000 元之间。", .text = "2000-3000 元", .value = 2000,
    .value_max = 3000, .currency = "CNY", .only = TRUE },

  { .body = "小米在印度有近千家门店。", .text = "千家门店", .value = 1000, .unit = "stores",
    .qualifier = "nearly", .metric = "stores", .scope = "India", .brand = "Xiaomi", .only = TRUE },
  { .body = "华为拥有逾万名研发人员。", .text = "万名", .value = 10000, .unit = "people",
    .qualifier = "more than", .metric = "employees", .brand = "Huawei", .only = TRUE },
  { .body = "三星在全球有一万五千名员工。", .text = "一万五千名员工", .value = 15000, .unit = "people",
    .metric = "employees", .scope = "global", .brand = "Samsung", .only = TRUE },

  { .body = "Realme 在印度排名第 4，出货量同比增长 25%。", .text = "排名第 4", .value = 4,
    .metric = "rank", .scope = "India", .brand = "Realme" },
  { .body = "OPPO 2020 年第 3 季度的出货量为 3120 万部。", .text = "3120 万部", .value = 31200000,
    .unit = "units", .metric = "shipments", .brand = "OPPO", .year = 2020, .quarter = 3, .only = TRUE },

  { .body = "小米在印度的市场份额超过两成。", .text = "两成", .value = 20, .unit = "%",
    .qualifier = "more than", .metric = "market share", .scope = "India", .brand = "Xiaomi", .only = TRUE },
  { .body = "华为占据了国内高端市场近一半的份额。", .text = "一半", .value = 50, .unit = "%",
    .qualifier = "nearly", .metric = "market share", .scope = "domestic", .brand = "Huawei", .only = TRUE },

  { .body = "２０１２年上半年，全国城镇新增就业６９４万人。", .text = "６９４万人", .value = 6940000,
    .unit = "people", .scope = "domestic", .year = 2012, .only = TRUE },
  { .body = "据悉，联想今年第二季度的ＰＣ出货量约为１４５０万台。", .text = "１４５０万台", .value = 14500000,
    .unit = "units", .qualifier = "about", .metric = "shipments", .brand = "Lenovo", .year = 2021,
    .quarter = 2, .only = TRUE },

  { .body = "OPPO 和 vivo 分别排名第三和第四。", .text = "第四", .value = 4, .metric = "rank",
    .brand = "vivo" },

  { .body = "联发科成为全球第一大手机芯片供应商。", .text = "第一大", .value = 1, .metric = "rank",
    .scope = "global", .brand = "MediaTek", .only = TRUE },

  { .body = "这款应用拥有大量用户，下载量超过 1000 万次。", .text = "1000 万次", .value = 10000000,
    .qualifier = "more than", .only = TRUE },

  { .body = "小米11首销5分钟卖出35万台。", .text = "35万台", .value = 350000, .unit = "units",
    .metric = "sales", .brand = "Xiaomi", .only = TRUE },
  { .body = "三星电子2020年营收为236.8万亿韩元。", .text = "236.8万亿韩元", .value = 2.368e14,
    .currency = "KRW", .metric = "revenue", .brand = "Samsung", .year = 2020, .only = TRUE },

  { .body = "小米计划在 5 年内投资 500 亿元(约合 77 亿美元)。", .text = "77 亿美元", .value = 7.7e9,
    .currency = "USD", .qualifier = "about", .metric = "investment", .brand = "Xiaomi" },

  { .body = "小米、OPPO 和 vivo 的出货量分别为 4000 万台、3000 万台和 2900 万台。", .text = "4000 万台",
    .value = 40000000, .unit = "units", .metric = "shipments", .brand = "Xiaomi" },
  { .body = "小米、OPPO 和 vivo 的出货量分别为 4000 万台、3000 万台和 2900 万台。", .text = "3000 万台",
    .value = 30000000, .unit = "units", .metric = "shipments", .brand = "OPPO" },
  { .body = "小米、OPPO 和 vivo 的出货量分别为 4000 万台、3000 万台和 2900 万台。", .text = "2900 万台",
    .value = 29000000, .unit = "units", .metric = "shipments", .brand = "vivo" },
  { .body = "苹果和三星的市场份额分别为 23% 和 19%。", .text = "19%", .value = 19, .unit = "%",
    .metric = "market share", .brand = "Samsung" },

  { .body = "华为的出货量分别比小米和 OPPO 高出 30% 和 45%。", .text = "45%", .value = 45, .unit = "%",
    .brand = "Huawei" },

  /* Traps: no figure in these. */
  { .body = "小米 11 Ultra 采用了业界第二大图像传感器。" },
  { .body = "这款笔记本可在 30 分钟内将电量充至 50%，屏幕覆盖 100% sRGB 色域。" },
  { .body = "在我的测试中，音量设置为 50%，多核性能提高了 20%。" },
  { .body = "请注意下面的第三和第四张照片，第二和第三相机的光圈较小。" },
  { .body = "记者于２０１２年７月２１日１０：３０在现场看到，ｉＰｈｏｎｅ５即将发布。" },
  { .body = "三成为了降低成本，小米选择了新的供应商。" },
  { .body = "他把一半的时间花在了路上。" },
  { .body = "这款笔记本采用第 11 代英特尔处理器，第 3 步是安装驱动。" },
  { .body = "上万名观众到场，数千家媒体进行了报道。" },
  { .body = "千万不要相信这样的传言。" },
  { .body = "两人是多年的合作伙伴，三人小组负责谈判。" },
  { .body = "约 35.7 亿立方米水源水质不达标。" },
  { .body = "他是获得该奖项的第一位中国学生。" },
  { .body = "湖人队以 96 比 90 战胜了对手。" },
  { .body = "小米 11 Ultra 的 1/1.12 英寸传感器表现出色。" },
  { .body = "小米 11 将于 3月15日 10:30 发布。" },
  { .body = "骁龙 888 和麒麟 9000 都支持 5G。" },
  { .body = "MIUI 12 基于 Android 11 开发。" },
  { .body = "2021年，华为发布了鸿蒙系统。" },
  { .body = "详情请访问 https://www.mi.com/2021/123 。" },
  { .body = "一加 9 Pro 配备 4500mAh 电池和 120Hz 屏幕。" },
  { .body = "该手机配备 5000 万像素主摄和 6.67 英寸屏幕。" },
  { .body = "三星 Galaxy Z Fold 3 将在 8 月 11 日发布。" },
  { .body = "第1章介绍了华为的历史。" },
  { .body = "这是小米第一次进入欧洲市场。" },
  { .body = "华为 Mate 40 Pro 搭载麒麟 9000 芯片。" },
  { .body = "iPhone 13 的续航比 iPhone 12 多 2 小时。" },
  { .body = "小米十分重视研发，一直在加大投入。" },
  { .body = "苹果用了两年时间完成转型。" },
  { .body = "三星、一加等品牌纷纷跟进。" },
  { .body = "数百万用户在等待更新。" },
  { .body = "小米 10 周年纪念版发布。" },
  { .body = "二〇二一年是小米的关键一年。" },
  { .body = "10点整，发布会正式开始。" },
  { .body = "OPPO Find X3 在 2021-03-11 发布。" },
  { .body = "华为的 P40 和 Mate30 表现都不错。" },
  { .body = "他们一一回答了记者的问题。" },
  { .body = "用户可以在 3 到 5 天内收到货。" },
  { .body = "小米 12S Ultra 将在 7 月 4 日发布。" },
  { .body = "该系列包含三个摄像头。" },
  { .body = "MIUI 的版本号为 12.5.1。" },
  { .body = "这款 64 位处理器采用 5 纳米工艺。" },
  { .body = "荣耀 50 的屏幕刷新率为 120Hz，充电功率 66W。" },
  { .body = "该机支持 4G 和 5G 双模网络，重 180 克。" },
  { .body = "前两天，华为发布了新的平板电脑。" },
  /* Currencies, counts and rates. */
  { .body = "鸿海营收约900亿元台币。", .text = "900亿元台币", .value = 9e10,
    .currency = "TWD", .qualifier = "about", .metric = "revenue" },
  { .body = "该公司收入为 50 亿港币。", .text = "50 亿港币", .value = 5e9, .currency = "HKD",
    .metric = "revenue" },
  { .body = "小米新机首日销量达3万4000部。", .text = "3万4000部", .value = 34000,
    .unit = "units", .metric = "sales", .brand = "Xiaomi" },
  { .body = "该校录取率为 6.9%，招生人数同比增长。", .text = "6.9%", .value = 6.9, .unit = "%" },
  /* Phones counted are no staff; a goal takes no year from another clause. */
  { .body = "该团队 3万4000部手机。", .text = "3万4000部", .value = 34000, .unit = "units" },
  { .body = "2021 年小米出货 1.9 亿台，目标是成为全球第一。", .text = "第一", .value = 1,
    .metric = "rank", .scope = "global", .brand = "Xiaomi" },
  { .body = "小米计划 2025 年出货 3 亿台。", .text = "3 亿台", .value = 3e8, .unit = "units",
    .metric = "shipments", .brand = "Xiaomi", .year = 2025 },
  /* A year things are counted since is no period. */
  { .body = "自 2011 年成立以来，小米已售出近 8 亿部手机。", .text = "8 亿部", .value = 8e8,
    .unit = "units", .qualifier = "nearly", .metric = "sales", .brand = "Xiaomi" },
  { .body = "从 2019 年开始，华为累计出货 5000 万台。", .text = "5000 万台", .value = 5e7,
    .unit = "units", .metric = "shipments", .brand = "Huawei" },
  { .body = "谷歌推出了新的 Chromebook。惠普以 320 万台的销量领先 Chromebook 市场。",
    .text = "320 万台", .value = 3.2e6, .unit = "units", .metric = "sales", .brand = "HP" },
  /* Falls are negative changes; a written minus keeps its sign. */
  { .body = "华为营收下滑 5%。", .text = "5%", .value = -5, .unit = "%",
    .metric = "growth", .brand = "Huawei" },
  { .body = "苹果销量减少了 10%。", .text = "10%", .value = -10, .unit = "%",
    .metric = "growth", .brand = "Apple" },
  { .body = "三星股价跌 3%。", .text = "3%", .value = -3, .unit = "%",
    .metric = "growth", .brand = "Samsung" },
  { .body = "小米营收同比增长 20%，利润下降 3%。", .text = "3%", .value = -3, .unit = "%",
    .metric = "growth", .brand = "Xiaomi" },
  { .body = "小米营收同比增长 20%，利润下降 3%。", .text = "20%", .value = 20, .unit = "%",
    .metric = "growth", .brand = "Xiaomi" },
  { .body = "两家公司的增长率分别为-1.41%、-1.29%。", .text = "-1.29%", .value = -1.29,
    .unit = "%", .metric = "growth" },
  { .body = "两家公司的增长率分别为-1.41%、-1.29%。", .text = "-1.41%", .value = -1.41,
    .unit = "%", .metric = "growth" },
};

static GPtrArray *
extract (CitedLexicon       *lexicon,
         const char         *body,
         CitedExtraction   **out)
{
  CitedExtraction *ex = cited_extract (lexicon, NULL, body, -1, "2021-06-01");

  *out = ex;
  return ex->figures;
}

static const char *
describe (const CitedFigure *f)
{
  static char buf[512];

  g_snprintf (buf, sizeof buf, "[%s] %g..%g unit=%s cur=%s q=%s metric=%s scope=%s brand=%s y=%d q%d",
              f->text, f->value, f->value_max, f->unit, f->currency, f->qualifier, f->metric,
              f->scope, f->brand, f->year, f->quarter);
  return buf;
}

static void
test_table (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  guint failures = 0;

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const ZhCase *c = &cases[k];
      g_autoptr(CitedExtraction) ex = NULL;
      GPtrArray *figures = extract (lexicon, c->body, &ex);
      const CitedFigure *f = NULL;
      gboolean ok = TRUE;

      if (c->text == NULL)
        {
          if (figures->len != 0)
            {
              g_test_message ("case %u «%s»: expected no figure, got %s", k, c->body,
                              describe (figures->pdata[0]));
              failures++;
            }
          continue;
        }

      for (guint i = 0; i < figures->len; i++)
        if (g_strcmp0 (((CitedFigure *) figures->pdata[i])->text, c->text) == 0)
          f = figures->pdata[i];
      if (f == NULL)
        {
          g_test_message ("case %u «%s»: no figure «%s» (%u figures%s%s)", k, c->body, c->text,
                          figures->len, figures->len > 0 ? ", first " : "",
                          figures->len > 0 ? describe (figures->pdata[0]) : "");
          failures++;
          continue;
        }

      ok = ok && fabs (f->value - c->value) <= 1e-9 * fmax (1, fabs (c->value));
      if (c->value_max != 0)
        ok = ok && fabs (f->value_max - c->value_max) <= 1e-9 * fabs (c->value_max);
      else
        ok = ok && isnan (f->value_max);
      ok = ok && g_strcmp0 (f->unit, c->unit) == 0;
      ok = ok && g_strcmp0 (f->currency, c->currency) == 0;
      ok = ok && g_strcmp0 (f->qualifier, c->qualifier) == 0;
      ok = ok && g_strcmp0 (f->metric, c->metric) == 0;
      ok = ok && g_strcmp0 (f->scope, c->scope) == 0;
      ok = ok && g_strcmp0 (f->brand, c->brand) == 0;
      ok = ok && f->year == c->year && f->quarter == c->quarter;
      ok = ok && g_strcmp0 (f->language, "zh") == 0;
      /* The offsets point at the text in the body, multi-byte or not. */
      ok = ok && f->end > f->start && f->end <= strlen (c->body) &&
           strncmp (c->body + f->start, c->text, f->end - f->start) == 0 &&
           strlen (c->text) == f->end - f->start;
      ok = ok && f->sentence != NULL && strstr (c->body, f->sentence) != NULL &&
           strncmp (c->body + f->sentence_start, f->sentence,
                    f->sentence_end - f->sentence_start) == 0;
      if (c->only)
        ok = ok && figures->len == 1;
      if (!ok)
        {
          g_test_message ("case %u «%s»: got %s (%u figures)", k, c->body, describe (f),
                          figures->len);
          failures++;
        }
    }

  g_test_message ("%u of %u cases failed", failures, (guint) G_N_ELEMENTS (cases));
  g_assert_cmpuint (failures, ==, 0);
}

/* "190 million units" and "1.9亿台" about Xiaomi are one figure: comparison
 * and charts must not count them as two different numbers. */
static void
test_equivalence (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) en = cited_extract (lexicon, NULL,
      "In 2021, Xiaomi sold 190 million units worldwide.", -1, "2022-01-10");
  g_autoptr(CitedExtraction) zh = cited_extract (lexicon, NULL,
      "2021年，小米在全球售出了1.9亿台。", -1, "2022-01-10");
  const CitedFigure *fe, *fz;

  g_assert_cmpstr (en->language, ==, "en");
  g_assert_cmpstr (zh->language, ==, "zh");
  g_assert_cmpuint (en->figures->len, >=, 1);
  g_assert_cmpuint (zh->figures->len, ==, 1);
  fe = en->figures->pdata[0];
  fz = zh->figures->pdata[0];
  g_assert_cmpfloat (fe->value, ==, 190000000);
  g_assert_cmpfloat (fz->value, ==, fe->value);
  g_assert_cmpstr (fz->unit, ==, fe->unit);
  g_assert_cmpstr (fz->brand, ==, "Xiaomi");
  g_assert_cmpstr (fz->brand, ==, fe->brand);
  g_assert_cmpint (fz->year, ==, fe->year);
  g_assert_cmpstr (fz->scope, ==, fe->scope);
  g_assert_cmpstr (fz->language, ==, "zh");
  g_assert_cmpstr (fe->language, ==, "en");
}

/* The same figures told in English and in Chinese come out field for field
 * the same, so a chart over both counts each once. */
static const struct {
  const char *en;
  const char *zh;
} pairs[] = {
  { "Huawei holds more than 24,000 patents.", "华为拥有超过 2.4 万件专利。" },
  { "Qualcomm will invest $1.4 billion in the new plant.", "高通将投资 14 亿美元建设新工厂。" },
  { "The Xiaomi 11 is priced at 3,999 yuan.", "小米 11 的售价为 3999 元。" },
  { "Xiaomi became the world's second largest smartphone maker.", "小米成为全球第二大智能手机厂商。" },
  { "Xiaomi's market share in India was 26%.", "小米在印度的市场份额为 26%。" },
  { "Huawei Cars has 7,000 people in its R&D team.", "华为汽车研发团队有 7000 人。" },
  { "Xiaomi shipped 140 million units overseas in 2021.", "2021 年小米海外出货量为 1.4 亿台。" },
  { "Honor sold nearly 50 million units in China this year.", "荣耀今年在中国售出了近 5000 万台。" },
  { "OnePlus sales grew 300%.", "一加的销量增长了 300%。" },
  { "Transsion shipped between 50 million and 60 million phones in Africa.",
    "传音在非洲的出货量为 5000 万至 6000 万部。" },
};

static void
test_equivalence_table (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();

  for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
    {
      g_autoptr(CitedExtraction) en = cited_extract (lexicon, NULL, pairs[k].en, -1, "2021-06-01");
      g_autoptr(CitedExtraction) zh = cited_extract (lexicon, NULL, pairs[k].zh, -1, "2021-06-01");
      const CitedFigure *fe, *fz;

      g_test_message ("%s / %s", pairs[k].en, pairs[k].zh);
      g_assert_cmpuint (en->figures->len, ==, 1);
      g_assert_cmpuint (zh->figures->len, ==, 1);
      fe = en->figures->pdata[0];
      fz = zh->figures->pdata[0];
      g_assert_cmpstr (fe->language, ==, "en");
      g_assert_cmpstr (fz->language, ==, "zh");
      g_assert_cmpfloat (fz->value, ==, fe->value);
      g_assert_true (isnan (fz->value_max) == isnan (fe->value_max));
      if (!isnan (fe->value_max))
        g_assert_cmpfloat (fz->value_max, ==, fe->value_max);
      g_assert_cmpstr (fz->unit, ==, fe->unit);
      g_assert_cmpstr (fz->currency, ==, fe->currency);
      g_assert_cmpstr (fz->qualifier, ==, fe->qualifier);
      g_assert_cmpstr (fz->metric, ==, fe->metric);
      g_assert_cmpstr (fz->scope, ==, fe->scope);
      g_assert_cmpstr (fz->brand, ==, fe->brand);
      g_assert_nonnull (fz->brand);
      g_assert_cmpint (fz->year, ==, fe->year);
    }
}

/* A whole article: sentences split on 。！？；, brands carried from one
 * sentence to the next, offsets exact on multi-byte text. */
static void
test_article (void)
{
  static const char body[] =
    "据 Canalys 报告，2021 年第二季度小米智能手机出货量为 5290 万台，同比增长 83%！"
    "这是该公司首次排名全球第二；"
    "苹果以 14% 的份额排名第三。"
    "全球智能手机市场同比增长 12%？";
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = cited_extract (lexicon, "小米首次成为全球第二", body, -1,
                                                 "2021-07-15");
  const char *expect_text[] = { "5290 万台", "83%", "第二", "14%", "排名第三", "12%" };
  const char *expect_brand[] = { "Xiaomi", "Xiaomi", "Xiaomi", "Apple", "Apple", NULL };
  guint found = 0;

  g_assert_cmpstr (ex->language, ==, "zh");
  for (guint i = 0; i < ex->figures->len; i++)
    {
      const CitedFigure *f = ex->figures->pdata[i];

      g_assert_cmpuint (f->end, <=, sizeof body - 1);
      g_assert_true (strncmp (body + f->start, f->text, f->end - f->start) == 0);
      g_assert_true (g_utf8_validate (f->sentence, -1, NULL));
      for (guint k = 0; k < G_N_ELEMENTS (expect_text); k++)
        if (g_str_equal (f->text, expect_text[k]))
          {
            g_assert_cmpstr (f->brand, ==, expect_brand[k]);
            found++;
          }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expect_text));
}

/* Precision and recall over whole articles annotated by hand: every figure
 * a reader would chart, with the brand it belongs to, and nothing else. */
typedef struct {
  const char *text;
  const char *brand;
} Expected;

typedef struct {
  const char *body;
  Expected figures[16];
} Annotated;

static const Annotated annotated[] = {
  { "小米集团今日发布 2021 年第二季度财报。报告显示，小米第二季度总营收为 878 亿元，同比增长 64%；"
    "经调整净利润为 63 亿元。智能手机出货量达到 5290 万台，全球市场份额升至 16.7%，首次排名全球第二。"
    "小米 11 Ultra 售价 5999 元，搭载骁龙 888 处理器，于 3 月 29 日发布。"
    "截至 6 月 30 日，小米之家门店数量超过 1 万家。雷军表示，小米的目标是三年内成为全球第一。",
    { { "878 亿元", "Xiaomi" }, { "64%", "Xiaomi" }, { "63 亿元", "Xiaomi" },
      { "5290 万台", "Xiaomi" }, { "16.7%", "Xiaomi" }, { "第二", "Xiaomi" },
      { "5999 元", "Xiaomi" }, { "1 万家", "Xiaomi" }, { "第一", "Xiaomi" } } },
  { "据 Canalys 最新数据，2021 年第三季度全球智能手机出货量为 3.42 亿部，同比下降 6%。"
    "三星以 6900 万部的出货量位居第一，市场份额为 23%；苹果出货 5000 万部，排名第二；"
    "小米以 4430 万部紧随其后。OPPO 和 vivo 分别占据 11% 和 10% 的份额。"
    "受芯片短缺影响，行业整体出货量不及预期。",
    { { "3.42 亿部", NULL }, { "6%", NULL }, { "6900 万部", "Samsung" }, { "位居第一", "Samsung" },
      { "23%", "Samsung" }, { "5000 万部", "Apple" }, { "排名第二", "Apple" },
      { "4430 万部", "Xiaomi" }, { "11%", "OPPO" }, { "10%", "vivo" } } },
  { "华为 2020 年实现销售收入 8914 亿元人民币，同比增长 3.8%。"
    "华为目前在全球拥有约 19.7 万名员工，其中研发人员约 10.5 万名，占员工总数的 53.4%。"
    "截至 2020 年底，华为在全球共持有有效授权专利超过 10 万件。华为 Mate 40 系列起售价为 4999 元。"
    "余承东称，鸿蒙系统的用户数已突破 1 亿。",
    { { "8914 亿元人民币", "Huawei" }, { "3.8%", "Huawei" }, { "19.7 万名员工", "Huawei" },
      { "10.5 万名", "Huawei" }, { "53.4%", "Huawei" }, { "10 万件", "Huawei" },
      { "4999 元", "Huawei" }, { "1 亿", "Huawei" } } },
};

static void
test_precision_recall (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  guint n_expected = 0, n_extracted = 0, n_right = 0;
  double precision, recall;

  for (guint a = 0; a < G_N_ELEMENTS (annotated); a++)
    {
      g_autoptr(CitedExtraction) ex = cited_extract (lexicon, NULL, annotated[a].body, -1,
                                                     "2021-09-01");
      const Expected *want = annotated[a].figures;

      n_extracted += ex->figures->len;
      for (guint k = 0; k < G_N_ELEMENTS (annotated[a].figures) && want[k].text != NULL; k++)
        {
          gboolean found = FALSE;

          n_expected++;
          for (guint i = 0; i < ex->figures->len && !found; i++)
            {
              const CitedFigure *f = ex->figures->pdata[i];
              found = g_str_equal (f->text, want[k].text) && g_strcmp0 (f->brand, want[k].brand) == 0;
            }
          if (found)
            n_right++;
          else
            g_test_message ("article %u: missed «%s» (%s)", a, want[k].text, want[k].brand);
        }
      for (guint i = 0; i < ex->figures->len; i++)
        {
          const CitedFigure *f = ex->figures->pdata[i];
          gboolean wanted = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (annotated[a].figures) && want[k].text != NULL; k++)
            wanted = wanted || (g_str_equal (f->text, want[k].text) &&
                                g_strcmp0 (f->brand, want[k].brand) == 0);
          if (!wanted)
            g_test_message ("article %u: unexpected %s", a, describe (f));
        }
    }

  precision = n_extracted > 0 ? (double) n_right / n_extracted : 0;
  recall = (double) n_right / n_expected;
  g_test_message ("precision %.2f, recall %.2f (%u expected, %u extracted, %u right)",
                  precision, recall, n_expected, n_extracted, n_right);
  g_assert_cmpfloat (precision, >=, 0.95);
  g_assert_cmpfloat (recall, >=, 0.95);
}

/* Sentences pieced together at random from the tokens that steer the
 * grammar: whatever comes out stays inside the text and makes sense. */
static void
test_random_text (void)
{
  static const char * const pieces[] = {
    "1", "9", "0", "2021", "１", "５", ".", "．", ",", "，", "、", "。", "；", "！", " ", "　",
    "万", "亿", "千", "百", "十", "一", "两", "三", "〇", "零", "点", "多", "余", "第", "前",
    "百分之", "%", "％", "至", "到", "-", "~", "年", "月", "日", "季度", "Q", "台", "部", "件",
    "家", "人", "名", "个", "元", "美元", "人民币", "₹", "$", "€", "£", "¥", "小米", "华为",
    "三星", "一加", "Galaxy", "S21", "骁龙", "http://a.cn/12", "出货量", "市场份额", "排名",
    "全球", "最大", "超过", "约", "近", "以上", "左右", "分别", "击败", "芯片", "门店", "专利",
    "的", "为", "达到", "今年", "去年", "像素", "英寸", "GB", "5G", ":", "/", "(", ")",
  };
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  GRand *rand = g_rand_new_with_seed (20211);
  guint n_figures = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(CitedExtraction) ex = NULL;
      guint n_pieces = g_rand_int_range (rand, 1, 40);

      for (guint k = 0; k < n_pieces; k++)
        g_string_append (body, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      ex = cited_extract (lexicon, NULL, body->str, body->len, "2021-06-01");
      for (guint i = 0; i < ex->figures->len; i++)
        {
          const CitedFigure *f = ex->figures->pdata[i];

          if (g_strcmp0 (f->language, "zh") != 0)
            continue;
          n_figures++;
          g_assert_cmpuint (f->start, <, f->end);
          g_assert_cmpuint (f->end, <=, body->len);
          g_assert_cmpuint (f->sentence_start, <=, f->start);
          g_assert_cmpuint (f->end, <=, f->sentence_end);
          g_assert_true (strncmp (body->str + f->start, f->text, f->end - f->start) == 0);
          g_assert_true (g_utf8_validate (f->text, -1, NULL));
          /* Only a change ("下降 5%") or a written minus may be below zero. */
          g_assert_true (isfinite (f->value));
          g_assert_true (f->value >= 0 || g_strcmp0 (f->metric, "growth") == 0 ||
                         f->text[0] == '-' || g_str_has_prefix (f->text, "−") ||
                         g_str_has_prefix (f->text, "－"));
          if (!isnan (f->value_max))
            g_assert_cmpfloat (f->value_max, >, f->value);
          g_assert_true (f->quarter >= 0 && f->quarter <= 4);
        }
    }
  g_test_message ("%u figures from random text", n_figures);
  g_assert_cmpuint (n_figures, >, 100);
  g_rand_free (rand);
}

/* Brand names in Chinese are matched without word spaces. */
static void
test_mentions (void)
{
  static const char body[] = "华为和荣耀之后，红米与一加也公布了销量，三星和苹果则没有。";
  const char *expect[] = { "Huawei", "Honor", "Xiaomi", "OnePlus", "Samsung", "Apple" };
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) ex = cited_extract (lexicon, NULL, body, -1, NULL);

  g_assert_cmpuint (ex->mentions->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < ex->mentions->len; i++)
    {
      const CitedMention *m = &g_array_index (ex->mentions, CitedMention, i);
      g_assert_cmpstr (m->brand, ==, expect[i]);
      g_assert_cmpuint (m->end - m->start, ==, 6); /* two CJK chars */
    }
  /* "一加" and "三星" hold numerals but are no figures. */
  g_assert_cmpuint (ex->figures->len, ==, 0);
}

/* What a Chinese figure states: the change and its measure, losses, the
 * span and the status. The row names the figure as written; a NULL
 * measure must come out NULL. */
typedef struct {
  const char *body;
  const char *text;
  double value;
  CitedChange change;
  const char *measure;       /* as cited_figure_get_measure() gives it */
  CitedSpan span;
  CitedClaimStatus status;
} ZhStateCase;

static const ZhStateCase state_cases[] = {
  { "小米2021年全球销量1.9亿台，同比增长31%。", "31%", 31, CITED_CHANGE_PERCENT, "sales",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
  { "小米2021年全球销量1.9亿台，同比增长31%。", "1.9亿台", 190e6, CITED_CHANGE_LEVEL, "sales",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
  { "该公司净利润同比下降5%。", "5%", -5, CITED_CHANGE_PERCENT, "profit",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
  { "华为净利润下降至5亿元。", "5亿元", 5e8, CITED_CHANGE_LEVEL, "profit",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
  { "华为去年亏损12亿元。", "12亿元", -1.2e9, CITED_CHANGE_LEVEL, "profit",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
  { "小米累计销量达8亿台。", "8亿台", 800e6, CITED_CHANGE_LEVEL, "sales",
    CITED_SPAN_CUMULATIVE, CITED_CLAIM_REPORTED },
  { "自2011年以来小米已售出8亿部手机。", "8亿部", 800e6, CITED_CHANGE_LEVEL, "sales",
    CITED_SPAN_CUMULATIVE, CITED_CLAIM_REPORTED },
  { "小米工厂每小时生产3.5万台手机。", "3.5万台", 35000, CITED_CHANGE_LEVEL, NULL,
    CITED_SPAN_RATE, CITED_CLAIM_REPORTED },
  { "小米在印度有5000家门店。", "5000家门店", 5000, CITED_CHANGE_LEVEL, "stores",
    CITED_SPAN_POINT, CITED_CLAIM_REPORTED },
  { "小米预计今年销量达到2亿台。", "2亿台", 200e6, CITED_CHANGE_LEVEL, "sales",
    CITED_SPAN_PERIOD, CITED_CLAIM_FORECAST },
  { "小米计划开设1000家门店。", "1000家门店", 1000, CITED_CHANGE_LEVEL, "stores",
    CITED_SPAN_POINT, CITED_CLAIM_PLAN },
  { "小米的目标是成为全球第一。", "第一", 1, CITED_CHANGE_LEVEL, "rank",
    CITED_SPAN_POINT, CITED_CLAIM_TARGET },
  /* Traps: 将近 is "nearly", no plan; a year's sales are no running total. */
  { "小米将近1亿台的销量来自海外。", "1亿台", 100e6, CITED_CHANGE_LEVEL, "sales",
    CITED_SPAN_PERIOD, CITED_CLAIM_REPORTED },
};

static void
test_states (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (state_cases); i++)
    {
      const ZhStateCase *c = &state_cases[i];
      g_autoptr(CitedExtraction) ex = cited_extract (lexicon, NULL, c->body, -1, "2021-06-01");
      const CitedFigure *f = NULL;

      for (guint k = 0; k < ex->figures->len && f == NULL; k++)
        if (g_strcmp0 (((CitedFigure *) g_ptr_array_index (ex->figures, k))->text, c->text) == 0)
          f = g_ptr_array_index (ex->figures, k);
      if (f == NULL)
        {
          g_test_fail_printf ("%s: no figure %s", c->body, c->text);
          continue;
        }
      if (fabs (f->value - c->value) > 1e-6 * MAX (1, fabs (c->value)) ||
          f->change != c->change || g_strcmp0 (cited_figure_get_measure (f), c->measure) != 0 ||
          f->span != c->span || f->claim_status != c->status)
        g_test_fail_printf ("%s: %s is %g %s of %s, %s, %s; expected %g %s of %s, %s, %s",
                            c->body, c->text, f->value, cited_change_to_string (f->change),
                            cited_figure_get_measure (f), cited_span_to_string (f->span),
                            cited_claim_status_to_string (f->claim_status), c->value,
                            cited_change_to_string (c->change), c->measure,
                            cited_span_to_string (c->span), cited_claim_status_to_string (c->status));
    }
}

/* "190 million" and "1.9亿" state the same thing. */
static void
test_states_equal (void)
{
  g_autoptr(CitedLexicon) lexicon = cited_lexicon_new_default ();
  g_autoptr(CitedExtraction) en = cited_extract (lexicon, NULL,
                                                 "Xiaomi sold 190 million phones in 2021.", -1, NULL);
  g_autoptr(CitedExtraction) zh = cited_extract (lexicon, NULL, "2021年小米全球销量1.9亿台。", -1, NULL);
  const CitedFigure *a, *b;

  g_assert_cmpuint (en->figures->len, ==, 1);
  g_assert_cmpuint (zh->figures->len, ==, 1);
  a = g_ptr_array_index (en->figures, 0);
  b = g_ptr_array_index (zh->figures, 0);
  g_assert_cmpfloat (a->value, ==, b->value);
  g_assert_cmpstr (cited_figure_get_measure (a), ==, cited_figure_get_measure (b));
  g_assert_cmpint (a->change, ==, b->change);
  g_assert_cmpint (a->span, ==, b->span);
  g_assert_cmpint (a->claim_status, ==, b->claim_status);
  g_assert_cmpint (a->year, ==, b->year);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extractor-zh/table", test_table);
  g_test_add_func ("/extractor-zh/states", test_states);
  g_test_add_func ("/extractor-zh/states-equal", test_states_equal);
  g_test_add_func ("/extractor-zh/equivalence", test_equivalence);
  g_test_add_func ("/extractor-zh/equivalence-table", test_equivalence_table);
  g_test_add_func ("/extractor-zh/article", test_article);
  g_test_add_func ("/extractor-zh/mentions", test_mentions);
  g_test_add_func ("/extractor-zh/precision-recall", test_precision_recall);
  g_test_add_func ("/extractor-zh/random-text", test_random_text);

  return g_test_run ();
}
