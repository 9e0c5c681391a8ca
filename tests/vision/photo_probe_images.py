"""Probe 31's photos (photo_probe.tsv): what an elderly woman photographs and asks about, rendered.

Each sheet is printed lines on a plain card (a medicine box, a prescription slip, a letter, a notice,
a bill, a food package, a phone screenshot), then turned a few degrees, blurred or darkened the way a
hand-held phone photo is. ``printed`` is the text on the sheet: an answer may say nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont
from vision_helpers import cjk_font

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
INK = (25, 25, 25)

# (text, x, y, font size); a size below 0 is the serif face at that size, for letters and slips.
Line = tuple[str, int, int, int]


@dataclass(frozen=True, slots=True)
class Sheet:
    lines: tuple[Line, ...]
    size: tuple[int, int] = (900, 600)
    paper: tuple[int, int, int] = (250, 250, 245)
    band: tuple[int, int, int] | None = None  # a coloured top band (a box's brand colour), white text
    rotate: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian radius
    dark: float = 1.0  # brightness factor (1: as printed)

    @property
    def printed(self) -> str:
        return "\n".join(text for text, *_ in self.lines)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SERIF, -size, index=2) if size < 0 else cjk_font(size)


def render(sheet: Sheet) -> Image.Image:
    image = Image.new("RGB", sheet.size, sheet.paper)
    draw = ImageDraw.Draw(image)
    if sheet.band is not None:
        draw.rectangle((0, 0, sheet.size[0], 120), fill=sheet.band)
    for text, x, y, size in sheet.lines:
        white = sheet.band is not None and y < 110
        draw.text((x, y), text, font=_font(size), fill="white" if white else INK)
    if sheet.rotate:
        image = image.rotate(sheet.rotate, expand=True, fillcolor=(120, 110, 100))
    if sheet.blur:
        image = image.filter(ImageFilter.GaussianBlur(sheet.blur))
    if sheet.dark != 1.0:
        image = ImageEnhance.Brightness(image).enhance(sheet.dark)
    return image


def no_text_photo() -> Image.Image:
    """A cup on a table: shapes and colours, not one printed character."""
    image = Image.new("RGB", (800, 600), (180, 140, 100))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 800, 600), fill=(120, 80, 50))
    draw.ellipse((300, 200, 500, 260), fill=(240, 240, 235))
    draw.rectangle((300, 230, 500, 420), fill=(240, 240, 235))
    draw.ellipse((300, 390, 500, 450), fill=(230, 230, 225))
    draw.arc((470, 260, 570, 360), 270, 90, fill=(240, 240, 235), width=18)
    return image.filter(ImageFilter.GaussianBlur(1.5))


MEDICINE = {
    "amoxicillin": Sheet((("阿莫西林胶囊", 40, 25, 64), ("用法用量：口服，一次2粒，一日3次", 40, 170, 40),
                          ("规格：0.25克×24粒", 40, 240, 34), ("国药准字H44021351", 40, 300, 30)),
                         band=(30, 90, 170)),
    "nifedipine": Sheet((("硝苯地平缓释片", 30, 30, 50), ("用法：口服，一次1片，一日2次", 30, 130, 30),
                         ("本品应整片吞服，不可咀嚼", 30, 190, 28), ("规格：20mg×30片", 30, 250, 28)),
                        size=(760, 360), rotate=3.0),
    "metformin": Sheet((("盐酸二甲双胍片", 40, 25, 60), ("一次0.5克，一日2次，餐中服用", 40, 170, 40),
                        ("规格：0.5g×60片", 40, 240, 34)), band=(20, 130, 90), blur=1.2),
    "cold_granules": Sheet((("感冒灵颗粒", 40, 25, 66), ("开水冲服，一次1袋，一日3次", 40, 170, 42),
                            ("规格：10克×9袋", 40, 240, 36)), band=(200, 40, 40), dark=0.55),
    "vitamin_c": Sheet((("维生素C片", 60, 30, 72), ("规格：100mg×100片", 60, 170, 40),
                        ("国药准字H13022264", 60, 240, 32)), size=(800, 360), band=(240, 150, 30)),
    "atorvastatin": Sheet((("阿托伐他汀钙片", 40, 25, 62), ("每晚睡前口服，一次1片", 40, 170, 44),
                           ("规格：20mg×7片", 40, 240, 36)), band=(120, 40, 140), rotate=-5.0),
    "eye_drops": Sheet((("氯霉素滴眼液", 40, 30, 56), ("滴于眼睑内，一次1至2滴，一日3至5次", 40, 140, 34),
                        ("规格：8ml", 40, 200, 32)), size=(860, 300)),
    "aspirin_en": Sheet((("Aspirin 81 mg", 40, 30, 70), ("Take 1 tablet once a day with water", 40, 150, 40),
                         ("Low dose, 120 tablets", 40, 220, 36)), size=(900, 320)),
    "prescription": Sheet((("XX市人民医院 处方笺", 200, 20, -44),
                           ("姓名：王秀兰   性别：女   年龄：72岁", 40, 110, -32),
                           ("诊断：高血压", 40, 170, -32), ("苯磺酸氨氯地平片 5mg×28片", 40, 250, -36),
                           ("用法：每日1次，每次1片，口服", 40, 310, -34), ("医师：李明", 560, 420, -32)),
                          size=(900, 500), paper=(255, 255, 250), rotate=2.0),
}

PAPERS = {
    "letter": Sheet((("妈妈：", 40, 30, -40), ("天冷了，记得多穿衣服。我们下周六回家看您，", 40, 100, -34),
                     ("给您带了新的血压计。有事给我打电话。", 40, 160, -34), ("儿子小军", 560, 250, -34),
                     ("11月28日", 560, 310, -34)), size=(900, 400), paper=(255, 252, 240)),
    "health_notice": Sheet((("通  知", 360, 20, 50), ("本社区定于12月5日上午9点到11点", 40, 110, 36),
                            ("在社区活动室为老人免费测血压，", 40, 170, 36), ("请带好身份证。", 40, 230, 36),
                            ("阳光社区居委会", 560, 320, 32)), size=(900, 420)),
    "water_notice": Sheet((("停水通知", 320, 20, 52), ("因管道维修，12月8日8点至18点停水，", 30, 110, 36),
                           ("请各位住户提前储水。", 30, 170, 36), ("物业服务中心", 560, 260, 32)),
                          size=(900, 340), rotate=-4.0),
    "clinic_slip": Sheet((("挂号单", 40, 20, 44), ("科室：心内科", 40, 90, 34),
                          ("就诊日期：12月10日 上午", 40, 150, 34),
                          ("序号：第15号", 40, 210, 34)), size=(600, 300), paper=(245, 245, 255)),
    "water_bill": Sheet((("水费缴费通知单", 40, 20, 48), ("户名：张桂芳", 40, 100, 32),
                         ("本期用水量：12吨", 40, 150, 32),
                         ("应缴金额：43.20元", 40, 200, 36), ("缴费截止日期：2026年12月20日", 40, 260, 32)),
                        size=(800, 360)),
    "power_bill": Sheet((("电费账单", 40, 25, 56), ("户号：3301088765", 40, 160, 32),
                         ("本月电费：156.80元", 40, 220, 40),
                         ("请于12月15日前缴纳", 40, 290, 34)), size=(800, 380), band=(20, 110, 110),
                        rotate=2.5, dark=0.7),
    "gas_bill": Sheet((("燃气费通知", 40, 20, 50), ("应缴：88.50元", 40, 110, 40),
                       ("截止：12月25日", 40, 180, 40)),
                      size=(700, 280), blur=1.5),
}

FOOD = {
    "bread": Sheet((("全麦面包", 40, 20, 60), ("生产日期：2026年11月25日", 40, 130, 34),
                    ("保质期：7天", 40, 190, 34),
                    ("净含量：400克", 40, 250, 30)), size=(800, 330), paper=(250, 240, 210)),
    "milk": Sheet((("纯牛奶", 40, 25, 66), ("保质期至：2027年3月15日", 40, 170, 40),
                   ("250毫升", 40, 240, 34)),
                  size=(800, 320), band=(40, 120, 200), rotate=-3.0),
    "biscuits": Sheet((("苏打饼干", 40, 20, 60), ("保质期：12个月", 40, 130, 38),
                       ("生产日期见包装侧面", 40, 190, 34)),
                      size=(760, 280), paper=(255, 245, 230)),
}

PHONE = {
    "bank_sms": Sheet((("10:32", 330, 20, 28), ("【工商银行】尊敬的客户，您的账户", 30, 110, 32),
                       ("存在异常，将于24小时内冻结，", 30, 160, 32),
                       ("请点击 icbc-vip.cc 验证身份。", 30, 210, 32)),
                      size=(720, 320), paper=(235, 235, 240)),
    "prize_sms": Sheet((("【中国移动】恭喜您的号码获得", 30, 40, 32),
                        ("积分兑换大奖：电饭煲一台，", 30, 90, 32),
                        ("请点击 cmcc-jf.top 填写地址领取。", 30, 140, 32)),
                        size=(720, 240), paper=(235, 235, 240)),
    "bank_spend_sms": Sheet((("【建设银行】您尾号1234的账户12月1日", 30, 40, 30),
                             ("消费支出500.00元，余额8230.15元。", 30, 90, 30)),
                            size=(720, 180), paper=(235, 235, 240)),
}

UNREADABLE = {
    "dark_box": Sheet(MEDICINE["amoxicillin"].lines, band=(30, 90, 170), dark=0.02),
    "blurred_letter": Sheet(PAPERS["letter"].lines, size=(900, 400), paper=(255, 252, 240), blur=9.0),
    "tiny_notice": Sheet((("本小区12月12日下午检修电梯", 700, 500, 9),), size=(1600, 1100)),
}

SHEETS: dict[str, Sheet] = {**MEDICINE, **PAPERS, **FOOD, **PHONE, **UNREADABLE}
NAMES = (*SHEETS, "cup")


def photo(name: str) -> Image.Image:
    return no_text_photo() if name == "cup" else render(SHEETS[name])


def printed(name: str) -> str:
    return "" if name == "cup" else SHEETS[name].printed
