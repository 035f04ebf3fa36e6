"""Text of the demo multimedia items. Written for this project; any likeness to real events is
illustrative only."""

INDEX = {
    "title": "Đa phương tiện",
    "slug": "multimedia",
    "introduction": (
        "Phóng sự ảnh, video, bản tin âm thanh và infographic về hoạt động của Chính phủ "
        "và đời sống đất nước."
    ),
}

PHOTO_STORY = {
    "title": "Mùa vàng trên những thửa ruộng bậc thang",
    "slug": "mua-vang-tren-nhung-thua-ruong-bac-thang",
    "sapo": (
        "Cuối thu, những thửa ruộng bậc thang vùng cao chuyển sang màu vàng óng. Bà con các "
        "dân tộc bước vào vụ gặt, còn du khách tìm về để ngắm cảnh sắc hiếm có."
    ),
    "byline": "Thu Hà - Quang Minh",
    "credit": "VGP/Quang Minh",
    "hours_ago": 5,
    "photos": [
        (
            "Những thửa ruộng bậc thang uốn lượn theo sườn đồi trong nắng sớm",
            "Ruộng bậc thang màu vàng trải dài trên sườn đồi, mặt trời vừa lên",
        ),
        (
            "Bà con trong bản xuống đồng gặt lúa từ tờ mờ sáng",
            "Nhóm người đội nón lá gặt lúa giữa cánh đồng bậc thang",
        ),
        (
            "Lúa gặt xong được bó gọn, gùi về nhà trên những lối mòn nhỏ",
            "Người nông dân gùi bó lúa đi trên bờ ruộng hẹp",
        ),
        (
            "Trẻ em chơi đùa bên đống rơm sau buổi gặt",
            "Mấy em nhỏ cười đùa cạnh đống rơm vàng",
        ),
        (
            "Hoàng hôn buông xuống thung lũng, khép lại một ngày mùa",
            "Thung lũng trong ánh chiều tà, mái nhà sàn thấp thoáng",
        ),
    ],
    "closing": (
        "Năm nay, nhờ thời tiết thuận lợi và giống lúa mới, năng suất tăng rõ rệt so với vụ "
        "trước. Chính quyền địa phương đang cùng bà con phát triển du lịch cộng đồng, để mùa "
        "vàng không chỉ là mùa thu hoạch mà còn là mùa đón khách."
    ),
}

VIDEO = {
    "title": "Video: Toàn cảnh cây cầu mới nối đôi bờ sông",
    "slug": "video-toan-canh-cay-cau-moi-noi-doi-bo-song",
    "sapo": (
        "Cây cầu mới vừa thông xe rút ngắn quãng đường giữa hai bờ từ một giờ đi phà xuống "
        "còn năm phút, mở ra cơ hội giao thương cho cả vùng."
    ),
    "byline": "Đức Tâm",
    "credit": "VGP/Đức Tâm",
    "hours_ago": 2,
    "cover": ("Cây cầu mới nhìn từ bờ sông", "Cây cầu dây văng bắc qua dòng sông rộng"),
    "description": (
        "Công trình được khởi công hai năm trước, hoàn thành sớm hơn kế hoạch ba tháng. "
        "Người dân hai bờ đã có thể qua lại thuận tiện, không còn phụ thuộc vào phà."
    ),
    "captions": [
        (0.0, 2.0, "Cây cầu mới bắc qua sông vừa thông xe."),
        (2.0, 4.0, "Quãng đường qua sông nay chỉ còn năm phút."),
        (4.0, 6.0, "Người dân hai bờ đi lại thuận tiện hơn."),
    ],
}

AUDIO = {
    "title": "Bản tin thời sự buổi sáng",
    "slug": "ban-tin-thoi-su-buoi-sang",
    "sapo": (
        "Bản tin âm thanh điểm lại những thông tin nổi bật về hoạt động của Chính phủ "
        "trong ngày hôm qua."
    ),
    "byline": "Ban Biên tập",
    "credit": "VGP/Ban Biên tập",
    "hours_ago": 7,
    "cover": (
        "Phòng thu bản tin buổi sáng",
        "Phòng thu phát thanh với micro và bàn điều khiển",
    ),
    "partner": "Đài Phát thanh Minh họa",
    "transcript": (
        "Xin chào quý thính giả. Mở đầu bản tin, Chính phủ họp phiên thường kỳ, thảo luận "
        "tình hình kinh tế - xã hội và các giải pháp thúc đẩy giải ngân vốn đầu tư công.\n\n"
        "Tiếp theo, nhiều địa phương đã hoàn thành việc cung cấp dịch vụ công trực tuyến "
        "toàn trình cho người dân và doanh nghiệp.\n\n"
        "Cảm ơn quý thính giả đã theo dõi. Hẹn gặp lại trong bản tin tiếp theo."
    ),
}

INFOGRAPHIC = {
    "title": "Infographic: Giải ngân vốn đầu tư công mười tháng đầu năm",
    "slug": "infographic-giai-ngan-von-dau-tu-cong-muoi-thang",
    "sapo": (
        "Tỷ lệ giải ngân vốn đầu tư công của các bộ, ngành và địa phương sau mười tháng, "
        "so với kế hoạch Thủ tướng Chính phủ giao."
    ),
    "byline": "Thanh Hương",
    "credit": "VGP/Thanh Hương",
    "hours_ago": 9,
    # (label, percent): drawn as bars; the labels are in the text alternative.
    "bars": [("Cả nước", 65), ("Bộ, ngành trung ương", 58), ("Địa phương", 69)],
    "text_alternative": (
        "<p>Tỷ lệ giải ngân vốn đầu tư công đến hết tháng 10, so với kế hoạch được giao:</p>"
        "<ul><li>Cả nước: 65%</li><li>Các bộ, ngành trung ương: 58%</li>"
        "<li>Các địa phương: 69%</li></ul>"
        "<p>Mục tiêu cả năm là giải ngân trên 95% kế hoạch vốn.</p>"
    ),
}
