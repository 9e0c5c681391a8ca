"""The words of :mod:`assistant.pipeline.home_safety`: what to do about a household hazard asked of, by
topic, in Simplified Chinese (spoken numbers: 幺幺九 fire, 幺二零 ambulance) and English. Pure data."""

from __future__ import annotations

# each topic's group: what ``extra["home_safety"]`` and the probe name
GROUP = {
    "electric": "electric", "gas_smell": "gas", "gas_stove": "gas", "heater": "heat", "charcoal": "heat",
    "ebike": "heat", "stove_on": "heat", "slippery": "fall", "climb": "fall", "falls": "fall",
    "water": "water", "burning": "heat",
}

ZH = {
    "burning": "先看看灶上有没有忘关的火和锅，电器、插座有没有发烫冒烟；找到了就关火、拔插头。"
               "找不到哪儿来的，或者冒烟了，就别再找：关上燃气，能拉电闸就拉下来，马上到屋外去，打幺幺九，再告诉家里人。",
    "water": "先把家里的总水阀关上，一般在水表旁边或者厨房水池下面。水要是漫到插座、电器旁边，先别去碰，"
             "够得着电闸就把电闸拉下来。然后给物业或者修水管的师傅打电话，也跟家里人说一声。地上有水，"
             "走路慢一点，别滑倒。",
    "electric": "这个可不能大意，先别用手或者湿东西去碰它。能安全够到的话就关掉、拔掉插头，够得着电闸就把"
                "电闸拉下来。千万别自己拿胶布修，请物业或者电工师傅来看，也跟家里人说一声。要是冒烟着火，"
                "或者有人被电着了，马上打幺幺九、幺二零。",
    "gas_smell": "先别点火，也别开关电灯电器。把燃气阀门关上，打开窗户通风，然后到屋外给燃气公司打电话，"
                 "请师傅来查。要是味道很大或者觉得头晕，赶紧出门，打幺幺九。",
    "gas_stove": "先把开关拧回去关上，别连着一直打火。开窗通通风，等一会儿再试；还是不行，就关上燃气阀门"
                 "，给燃气公司打电话请师傅来看，别自己拆。要是闻到很浓的煤气味或者头晕，马上出门，打幺幺"
                 "九。",
    "heater": "睡觉的时候最好别开着。电热毯睡前先暖一暖，躺下就关；取暖器离床和被子远一点，上面别搭衣服，"
              "人走开就关。电线发烫、有焦味的就别再用了，请家里人换个新的。",
    "charcoal": "千万别在关着门窗的屋里烧炭取暖，会一氧化碳中毒，人睡着了都不知道。要烧就一定开窗通风，睡"
                "觉前把火灭掉，最好换成空调或者电暖器。要是有人头疼、恶心、犯困，马上开窗出门，打幺二零。",
    "ebike": "电动车和电瓶别拿到屋里或者楼道里充，更别充一整夜，电池着起火来特别快。请到小区的充电棚去充"
             "，充满了就拔掉。电池发烫、鼓包或者有怪味，就别再用了。",
    "stove_on": "先把火关掉要紧。您要是已经出门了，赶紧给家里人或者邻居打电话，请他们帮忙关火，自己也尽快"
                "回去。以后做饭人别离开灶台。要是已经冒烟着火了，马上打幺幺九。",
    "slippery": "卫生间地滑最容易摔跤。地上铺块防滑垫，有水就马上擦干，穿防滑拖鞋；洗澡时可以坐个洗澡凳，"
                "墙上装个扶手。可以请家里人帮忙弄一弄。",
    "climb": "最好别站到椅子、凳子上去，上了年纪一晃就容易摔。等家里人来帮忙，或者请物业、邻居搭把手；常"
             "用的东西放低一点，伸手就能够着。",
    "falls": "起身慢一点，先在床边坐一会儿再站起来；床边放个小夜灯，地上别堆东西，穿防滑的鞋。卫生间铺防"
             "滑垫、装个扶手更稳当，可以请家里人帮忙弄。",
}

EN = {
    "burning": "Check the stove for a pot or a flame left on, and any appliance or socket that is hot or "
               "smoking; if you find it, turn it off or unplug it. If you can't find it, or there is smoke, "
               "stop looking: turn off the gas, switch off the power at the breaker if you can, go outside "
               "and call 119, then tell your family.",
    "water": "First turn off the main water valve, usually next to the water meter or under the kitchen "
             "sink. If the water reaches sockets or appliances, don't touch them; switch off the power at "
             "the breaker if you can reach it safely. Then call your building office or a plumber, and tell "
             "your family. Walk slowly on the wet floor so you don't slip.",
    "electric": "Please be careful: don't touch it with your hands or anything wet. If it's safe, switch "
                "it off and unplug it, or turn off the power at the breaker. Don't repair it yourself or "
                "tape it up; call your building office or an electrician, and tell your family. If "
                "there's smoke or fire, or someone got a shock, call 119 or 120 right away.",
    "gas_smell": "Don't light anything or touch any switches. Close the gas valve, open the windows, "
                 "then go outside and call the gas company from there. If the smell is strong or you "
                 "feel dizzy, get out now and call 119.",
    "gas_stove": "Turn the knob back off and don't keep clicking it. Open a window and wait a little "
                 "before trying again; if it still won't work, close the gas valve and call the gas "
                 "company. Don't take it apart. If you smell strong gas or feel dizzy, get outside and "
                 "call 119.",
    "heater": "It's best not to leave it on while you sleep. Warm the bed first and switch the blanket "
              "off when you lie down; keep heaters away from the bed and bedding, never dry clothes on "
              "them, and turn them off when you leave the room. If a cord gets hot or smells burnt, stop "
              "using it.",
    "charcoal": "Please never burn charcoal in a closed room: it gives off carbon monoxide, which you "
                "can't smell and can kill in your sleep. Keep a window open and put it out before bed, "
                "or use an electric heater instead. If anyone gets a headache, feels sick or drowsy, get "
                "outside and call 120.",
    "ebike": "Please don't charge an e-bike or its battery indoors or in the hallway, and never "
             "overnight: a battery fire spreads very fast. Use the charging shed outside and unplug it "
             "when it's full. If the battery gets hot, swells or smells odd, stop using it.",
    "stove_on": "Turning it off comes first. If you're already out, call your family or a neighbour to "
                "turn it off for you, and head home. Next time, stay by the stove while cooking. If "
                "there's already smoke or fire, call 119 right away.",
    "slippery": "A wet bathroom floor is where falls happen most. Put down a non-slip mat, wipe up water "
                "right away and wear non-slip slippers; a shower stool and a grab bar help a lot. Your "
                "family can help set them up.",
    "climb": "Please don't stand on a chair or stool; it's very easy to lose your balance. Wait for your "
             "family, or ask a neighbour or the building office to help, and keep things you use often "
             "within easy reach.",
    "falls": "Get up slowly and sit on the edge of the bed for a moment first; keep a night light on, "
             "the floor clear, and wear non-slip shoes. A non-slip mat and a grab bar in the bathroom "
             "help too; your family can help set them up.",
}
