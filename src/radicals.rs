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
const KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几',
    '凵', '刀', '力', '勹', '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土',
    '士', '夂', '夊', '夕', '大', '女', '子', '宀', '寸', '小', '尢', '尸', '屮', '山', '巛', '工',
    '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓', '彐', '彡', '彳', '心', '戈', '戶', '手',
    '支', '攴', '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠', '止', '歹', '殳', '毋',
    '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿', '片', '牙', '牛', '犬', '玄', '玉',
    '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛', '矢', '石',
    '示', '禸', '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳',
    '聿', '肉', '臣', '自', '至', '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行',
    '衣', '襾', '見', '角', '言', '谷', '豆', '豕', '豸', '貝', '赤', '走', '足', '身', '車', '辛',
    '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶', '隹', '雨', '靑', '非', '面',
    '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟', '鬥', '鬯',
    '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠',
    '鼻', '齊', '齒', '龍', '龜', '龠',
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
/// `const`: `compact::fold` calls it and is evaluated at compile time.
pub const fn ideograph(c: char) -> Option<char> {
    let u = c as u32;
    if u >= 0x2f00 && u <= 0x2fd5 {
        return Some(KANGXI[(u - 0x2f00) as usize]);
    }
    if u >= 0x2e80 && u <= 0x2ef3 {
        let mut i = 0;
        while i < SUPPLEMENT.len() {
            if SUPPLEMENT[i].0 as u32 == u {
                return Some(SUPPLEMENT[i].1);
            }
            i += 1;
        }
    }
    None
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
