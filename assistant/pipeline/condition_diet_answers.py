"""The words of :mod:`assistant.pipeline.condition_diet`: what someone with a chronic condition may eat or
drink, after the mainstream dietary advice for it (less sugar and a measured staple with diabetes, less
salt with high blood pressure, less beer, seafood, organ meat and broth with gout, less fat with high
cholesterol, less salt and a measured protein with kidney disease, soft plain food for the stomach), in
Simplified Chinese and English. No food is said to lower or cure anything. Pure data.

``LINE``: the sentence for a condition and a kind of food, when the advice has one; another food gets
``GENERIC`` ("can be eaten in moderation") and the condition's ``CORE``. Every answer ends by pointing to
her doctor (``TAIL``), unless its line already does.
"""

from __future__ import annotations

# how the answer opens, naming the condition
OPENER_ZH = {"sugar": "血糖高的话，", "pressure": "血压高的话，", "gout": "痛风、尿酸高的话，",
             "lipids": "血脂、胆固醇高的话，", "kidney": "肾不好的话，", "stomach": "胃不好的话，"}
OPENER_EN = {"sugar": "With diabetes or high blood sugar, ", "pressure": "With high blood pressure, ",
             "gout": "With gout or high uric acid, ", "lipids": "With high cholesterol, ",
             "kidney": "With kidney trouble, ", "stomach": "With a weak stomach, "}

LINE_ZH: dict[tuple[str, str], str] = {
    ("sugar", "fruit"): "水果可以吃，但要少，一天一个拳头大小就够。"
                        "挑苹果、梨、草莓这类不太甜的，放在两顿饭中间吃；"
                        "西瓜、荔枝、香蕉、葡萄这类甜的，尝几口就好，果汁别喝。"
                        "吃完可以测测血糖。",
    ("sugar", "sweets"): "糖、点心、蜂蜜、甜饮料升血糖很快，最好不吃，实在想吃就尝一小口。"
                         "标着无糖的饼干、月饼也是米面做的，一样升血糖，也要少吃。",
    ("sugar", "staple"): "米饭、面条、粥可以吃，但要定量，一顿一小碗左右，掺点粗粮更好。"
                         "粥熬得越烂，血糖升得越快，喝粥就盛小半碗，配上鸡蛋、青菜吃。"
                         "红薯、土豆也算主食，吃了就少吃点饭。",
    ("sugar", "alcohol"): "酒最好别喝，空腹喝酒还可能让血糖一下子掉得太低。",
    ("pressure", "salty"): "咸菜、腌菜、咸鸭蛋、腊肉这些太咸，盐吃多了血压就高，"
                           "最好少吃，偶尔一两口就好。"
                           "一天的盐不超过一啤酒瓶盖，酱油、咸菜里的盐也算在内。",
    ("pressure", "alcohol"): "酒最好别喝，喝酒会让血压升高，天天喝更不行。",
    ("pressure", "tea"): "淡茶可以喝，浓茶、浓咖啡少喝，喝多了心跳快，血压也可能高一点。",
    ("pressure", "fatty"): "肥肉、油炸的东西少吃，吃得清淡些对血压好。",
    ("pressure", "broth"): "火锅汤、浓汤里盐多，少喝，喝汤就喝清淡的。",
    ("gout", "alcohol"): "啤酒最好别喝，它最容易让尿酸升高、引起痛风发作；"
                         "白酒、黄酒也要少喝，发作的时候一口都别喝。",
    ("gout", "seafood"): "虾、蟹、贝类、沙丁鱼这些海鲜嘌呤高，最好少吃，发作的时候别吃。",
    ("gout", "organ"): "猪肝、腰子这些动物内脏嘌呤特别高，最好别吃。",
    ("gout", "broth"): "骨头汤、肉汤、火锅汤，嘌呤都熬在汤里了，最好别喝。",
    ("gout", "soy"): "豆腐、豆浆这些豆制品，平时适量吃没问题，发作的时候少吃点。",
    ("gout", "sweets"): "甜饮料、果汁里的果糖会让尿酸升高，少喝；甜食也少吃。",
    ("gout", "meat"): "肉可以吃，但要少，一天一小份，以瘦的为主。",
    ("lipids", "eggs"): "鸡蛋可以吃，一般一天一个就够，蛋黄也能吃，别一天吃好几个；"
                        "煮鸡蛋、蒸蛋羹比煎的好。",
    ("lipids", "fatty"): "肥肉、五花肉、猪油、油炸的东西最好少吃，偶尔尝一两块；"
                         "平时多吃鱼、瘦肉、豆腐和蔬菜。",
    ("lipids", "organ"): "猪肝、肥肠这些动物内脏胆固醇很高，最好少吃。",
    ("lipids", "seafood"): "鱼可以常吃；虾、蟹适量，蟹黄、鱼子少吃。",
    ("lipids", "sweets"): "甜点心、奶油蛋糕也会让血脂升高，少吃。",
    ("lipids", "alcohol"): "酒最好少喝，喝多了血脂会升高。",
    ("kidney", "salty"): "咸菜、腌菜这些太咸了，最好别吃，平时做菜也要少放盐、少放酱油。",
    ("kidney", "soy"): "豆腐是好蛋白，可以吃，但别多吃；每天吃多少蛋白，要看化验结果，听医生的。",
    ("kidney", "fruit"): "香蕉、橙子这些水果含钾多，血钾高的时候要少吃；"
                         "能吃多少，要看化验单上的血钾，问问医生。",
    ("kidney", "meat"): "肉、蛋、鱼都是蛋白，要适量，别大补，一天吃多少听医生的。",
    ("kidney", "organ"): "动物内脏最好少吃。",
    ("kidney", "broth"): "骨头汤、浓汤里盐和磷多，最好少喝。",
    ("kidney", "alcohol"): "酒最好别喝。",
    ("stomach", "spicy"): "辣椒、花椒这些刺激胃，最好少吃；太凉、太烫的也别吃。",
    ("stomach", "alcohol"): "酒伤胃，最好别喝，有溃疡的更要戒掉。",
    ("stomach", "tea"): "浓茶、咖啡会刺激胃酸，少喝，别空腹喝，要喝就喝淡的。",
    ("stomach", "fatty"): "油炸、油腻的不好消化，少吃。",
    ("stomach", "staple"): "软烂的粥、面条好消化，可以吃；细嚼慢咽，少吃多餐。",
    ("stomach", "fruit"): "水果可以吃，放在饭后吃，别空腹吃太酸、太凉的。",
    ("stomach", "sweets"): "甜食，还有粽子、汤圆这些糯米做的，不好消化，还容易反酸，少吃一点。",
}
LINE_EN: dict[tuple[str, str], str] = {
    ("sugar", "fruit"): "fruit is fine in small amounts, about a fistful a day, between meals. "
                        "Pick less sweet ones like apples, pears or berries; have only a few bites "
                        "of very sweet ones like bananas, grapes or watermelon, and skip juice. "
                        "Check your blood sugar afterwards.",
    ("sugar", "sweets"): "sweets, cakes, honey and sugary drinks raise blood sugar fast, so it's best "
                         "to skip them or have just a taste. Sugar-free biscuits are still made of "
                         "flour and raise it too.",
    ("sugar", "staple"): "rice, noodles, bread and porridge are fine in measured amounts, about a "
                         "small bowl a meal, with some whole grains. Soft porridge raises blood sugar "
                         "fast, so have a small bowl with an egg and vegetables. Potatoes count as a "
                         "staple too.",
    ("sugar", "alcohol"): "it's best not to drink; alcohol on an empty stomach can even make blood "
                          "sugar drop too low.",
    ("pressure", "salty"): "pickles, salted and cured food are very salty, and salt raises blood "
                           "pressure, so keep them to a bite now and then. Keep salt under a "
                           "teaspoon a day, soy sauce included.",
    ("pressure", "alcohol"): "it's best not to drink; alcohol raises blood pressure, especially every day.",
    ("pressure", "tea"): "weak tea is fine; go easy on strong tea and coffee, which can speed your "
                         "heart and raise your pressure a little.",
    ("pressure", "fatty"): "go easy on fatty and fried food; plain, light meals are better for your "
                           "pressure.",
    ("pressure", "broth"): "rich soups and hot pot broth are salty, so have only a little.",
    ("gout", "alcohol"): "beer is best avoided, it raises uric acid and sets off attacks; go easy on "
                         "other drinks too, and have none during an attack.",
    ("gout", "seafood"): "shrimp, crab, shellfish and sardines are high in purines, so have them "
                         "rarely, and none during an attack.",
    ("gout", "organ"): "liver and other organ meats are very high in purines; best avoided.",
    ("gout", "broth"): "meat and bone broths carry the purines out of the meat; best avoided.",
    ("gout", "soy"): "tofu and soy milk are fine in normal amounts; have less during an attack.",
    ("gout", "sweets"): "sugary drinks and juice raise uric acid, so keep them rare.",
    ("gout", "meat"): "meat is fine in a small portion a day, mostly lean.",
    ("lipids", "eggs"): "eggs are fine, usually one a day, yolk included; just not several a day, "
                        "and boiled is better than fried.",
    ("lipids", "fatty"): "fatty meat, lard and fried food are best kept rare; have fish, lean meat, "
                         "tofu and vegetables instead.",
    ("lipids", "organ"): "liver and other organ meats are very high in cholesterol; have them rarely.",
    ("lipids", "seafood"): "fish is good to have often; shrimp and crab in moderation, and little roe.",
    ("lipids", "sweets"): "cakes, cream and sweets raise blood fats too; have them rarely.",
    ("lipids", "alcohol"): "drink little; alcohol raises blood fats.",
    ("kidney", "salty"): "pickles and salted food are best avoided, and cook with little salt and "
                         "soy sauce.",
    ("kidney", "soy"): "tofu is good protein and fine in moderation, not a lot. How much protein is "
                       "right for you depends on your tests, so follow your doctor.",
    ("kidney", "fruit"): "bananas and oranges are high in potassium, which may need limiting; your "
                         "blood tests show whether it does, so ask your doctor.",
    ("kidney", "meat"): "meat, eggs and fish are protein: moderate amounts, no feasting; your doctor "
                        "will say how much.",
    ("kidney", "organ"): "organ meats are best kept rare.",
    ("kidney", "broth"): "rich soups and bone broth are salty; have only a little.",
    ("kidney", "alcohol"): "it's best not to drink.",
    ("stomach", "spicy"): "spicy food irritates the stomach, so go easy on it, and on very cold or "
                          "very hot food.",
    ("stomach", "alcohol"): "alcohol is hard on the stomach; best avoided, especially with an ulcer.",
    ("stomach", "tea"): "strong tea and coffee stir up stomach acid; have them weak, a little, and "
                        "never on an empty stomach.",
    ("stomach", "fatty"): "fried and greasy food is hard to digest; go easy on it.",
    ("stomach", "staple"): "soft porridge and noodles are easy to digest and fine; eat slowly, small "
                           "meals.",
    ("stomach", "fruit"): "fruit is fine after a meal; skip very sour or cold fruit on an empty stomach.",
    ("stomach", "sweets"): "sweets and sticky rice cakes are hard to digest and bring up acid; have only a "
                           "little.",
}
# the same line for the protein foods with kidney trouble
for _food in ("eggs", "seafood"):
    LINE_ZH["kidney", _food], LINE_EN["kidney", _food] = LINE_ZH["kidney", "meat"], LINE_EN["kidney", "meat"]

# a kind of food better kept small whatever the condition, when the condition has no line for it
DEFAULT_ZH = {"salty": "咸菜、腌的东西盐多，少吃点，口味清淡些好。",
              "sweets": "甜食、甜饮料少吃点，偶尔尝一点没关系。", "alcohol": "酒最好少喝，能不喝就不喝。",
              "fatty": "肥肉、油炸的东西少吃点。", "spicy": "辣的可以吃一点，别太多。"}
DEFAULT_EN = {"salty": "go easy on pickled and salty food.", "sweets": "keep sweets and sugary drinks small.",
              "alcohol": "drink little, better none.", "fatty": "go easy on fatty and fried food.",
              "spicy": "a little spice is fine, not too much."}
# any other food: in moderation
GENERIC_ZH = "{food}可以{verb}，但要适量。"
GENERIC_EN = "you can have {food} in moderation."
CORE_ZH = {"sugar": "平时少吃甜的，主食定量，多吃蔬菜，按时测血糖。",
           "pressure": "平时吃得清淡少盐，少喝酒，按时量血压。",
           "gout": "平时少喝酒，少吃海鲜、内脏和浓汤，多喝白开水。",
           "lipids": "平时少吃油腻、油炸和内脏，多吃蔬菜、粗粮，多走动。",
           "kidney": "平时吃得清淡少盐，蛋白不多也不少，具体吃多少要看化验结果。",
           "stomach": "平时吃得软一点、清淡一点，少吃多餐，按时吃饭。"}
CORE_EN = {"sugar": " Day to day: few sweets, a measured staple, plenty of vegetables, and check your "
                    "sugar.",
           "pressure": " Day to day: light, low-salt food, little alcohol, and check your pressure.",
           "gout": " Day to day: little alcohol, seafood, organ meat or broth, and plenty of water.",
           "lipids": " Day to day: little fat, fried food or organ meat, more vegetables and whole "
                     "grains, and keep moving.",
           "kidney": " Day to day: light, low-salt food and moderate protein, as your tests allow.",
           "stomach": " Day to day: soft, plain food, small meals at regular times."}
TAIL_ZH = "每个人情况不一样，具体的再问问您的医生。"
TAIL_EN = " Everyone is different, so do check with your doctor."
