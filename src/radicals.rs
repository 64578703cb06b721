//! CJK radicals written for ideographs. Some PDF writers (Chromium's "Save
//! as PDF" among them) map a glyph to the Kangxi radical that looks the same
//! instead of the ideograph (⼀ U+2F00 for 一, ⺟ U+2E9F for 母), so text read
//! from such a PDF — or copied out of one — spells 一、本年新收 with a
//! radical and no label matches. `ideograph` gives the ideograph each stands
//! for: for the 214 Kangxi radicals (U+2F00–U+2FD5), Unicode's compatibility
//! decomposition (NFKC); for the CJK Radicals Supplement, where NFKC maps only
//! ⺟ and ⻳, the forms that are whole characters of Simplified (and a few
//! Traditional) text, as their Unicode names say (CJK RADICAL CIVILIAN is
//! 民, C-SIMPLIFIED GATE is 门). Component-only forms (⺅, ⻌, ⻖…) stay.

/// The ideographs of the Kangxi radicals U+2F00..=U+2FD5, in order.
const KANGXI: [&str; 8] = [
    "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口",
    "囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳",
    "心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿",
    "片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸",
    "缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷",
    "豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音",
    "頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊",
    "齒龍龜龠",
];

/// The CJK Radicals Supplement forms that are whole characters, by name.
const SUPPLEMENT: [(char, char); 30] = [
    ('\u{2e9f}', '母'), // MOTHER (NFKC)
    ('\u{2ea0}', '民'), // CIVILIAN
    ('\u{2ec1}', '虎'), // TIGER
    ('\u{2ec4}', '西'), // WEST TWO
    ('\u{2ec5}', '见'), // C-SIMPLIFIED SEE
    ('\u{2ec6}', '角'), // SIMPLIFIED HORN
    ('\u{2ec9}', '贝'), // C-SIMPLIFIED SHELL
    ('\u{2ecb}', '车'), // C-SIMPLIFIED CART
    ('\u{2ed1}', '長'), // LONG ONE
    ('\u{2ed3}', '长'), // C-SIMPLIFIED LONG
    ('\u{2ed4}', '门'), // C-SIMPLIFIED GATE
    ('\u{2ed8}', '青'), // BLUE
    ('\u{2ed9}', '韦'), // C-SIMPLIFIED TANNED LEATHER
    ('\u{2eda}', '页'), // C-SIMPLIFIED LEAF
    ('\u{2edb}', '风'), // C-SIMPLIFIED WIND
    ('\u{2edc}', '飞'), // C-SIMPLIFIED FLY
    ('\u{2edd}', '食'), // EAT ONE
    ('\u{2ee2}', '马'), // C-SIMPLIFIED HORSE
    ('\u{2ee3}', '骨'), // BONE
    ('\u{2ee4}', '鬼'), // GHOST
    ('\u{2ee5}', '鱼'), // C-SIMPLIFIED FISH
    ('\u{2ee6}', '鸟'), // C-SIMPLIFIED BIRD
    ('\u{2ee7}', '卤'), // C-SIMPLIFIED SALT
    ('\u{2ee8}', '麦'), // SIMPLIFIED WHEAT
    ('\u{2ee9}', '黄'), // SIMPLIFIED YELLOW
    ('\u{2eea}', '黾'), // C-SIMPLIFIED FROG
    ('\u{2eec}', '齐'), // C-SIMPLIFIED EVEN
    ('\u{2eee}', '齿'), // C-SIMPLIFIED TOOTH
    ('\u{2ef0}', '龙'), // C-SIMPLIFIED DRAGON
    ('\u{2ef3}', '龟'), // C-SIMPLIFIED TURTLE (NFKC)
];

/// The ideograph a radical stands for, `None` for any other character.
pub fn ideograph(c: char) -> Option<char> {
    match c {
        '\u{2f00}'..='\u{2fd5}' => {
            let i = c as usize - 0x2f00;
            KANGXI.get(i / 30).and_then(|row| row.chars().nth(i % 30))
        }
        '\u{2e80}'..='\u{2ef3}' => SUPPLEMENT.iter().find(|&&(r, _)| r == c).map(|&(_, i)| i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::ideograph;

    #[test]
    fn radicals_become_the_ideographs_they_look_like() {
        // What Chromium's PDFs hold for 一、二、 of 表三 and 人民.
        assert_eq!(ideograph('\u{2f00}'), Some('一'));
        assert_eq!(ideograph('\u{2f06}'), Some('二'));
        assert_eq!(ideograph('\u{2f08}'), Some('人'));
        assert_eq!(ideograph('\u{2f5e}'), Some('玄'));
        assert_eq!(ideograph('\u{2fd5}'), Some('\u{9fa0}'));
        assert_eq!(ideograph('\u{2e9f}'), Some('母'));
        // 人民 in a Chromium PDF: ⼈⺠.
        assert_eq!(ideograph('\u{2ea0}'), Some('民'));
        assert_eq!(ideograph('\u{2ed4}'), Some('门'));
        // A component-only form stays what it is.
        assert_eq!(ideograph('\u{2e85}'), None);
        assert_eq!(ideograph('一'), None);
        assert_eq!(ideograph('a'), None);
        // Every one of the 214 has its ideograph.
        for c in 0x2f00..=0x2fd5u32 {
            let r = char::from_u32(c).and_then(ideograph);
            assert!(
                r.is_some_and(|i| ('\u{4e00}'..='\u{9fff}').contains(&i)),
                "{c:x}"
            );
        }
    }
}
