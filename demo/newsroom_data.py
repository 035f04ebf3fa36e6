"""Demo text for `manage.py seed_demo`: sections, reporters and articles.

Written for this project: the events, people and figures are invented for the demonstration.
"""

SECTIONS = [
    {
        "slug": "thoi-su",
        "title": "Thời sự",
        "introduction": "Hoạt động của Chính phủ, các bộ, ngành và những sự kiện nổi bật trong ngày.",
    },
    {
        "slug": "kinh-te",
        "title": "Kinh tế",
        "introduction": "Tăng trưởng, đầu tư, thương mại và đời sống doanh nghiệp.",
    },
    {
        "slug": "xa-hoi",
        "title": "Xã hội",
        "introduction": "Giáo dục, y tế, lao động, việc làm và an sinh xã hội.",
    },
    {
        "slug": "chuyen-doi-so",
        "title": "Chuyển đổi số",
        "introduction": "Chính phủ số, kinh tế số, xã hội số và dịch vụ công trực tuyến.",
    },
    {
        "slug": "van-hoa-the-thao",
        "title": "Văn hóa - Thể thao",
        "introduction": "Di sản, nghệ thuật, du lịch và thể thao.",
    },
    {
        "slug": "dia-phuong",
        "title": "Địa phương",
        "introduction": "Tin tức từ các tỉnh, thành phố trên cả nước.",
    },
]

AUTHORS = [
    {"name": "Nguyễn Minh Châu", "pen_name": ""},
    {"name": "Trần Thu Hà", "pen_name": ""},
    {"name": "Lê Quang Vinh", "pen_name": ""},
    {"name": "Phạm Ngọc Anh", "pen_name": ""},
    {"name": "Hoàng Đức Thịnh", "pen_name": "Đức Thịnh"},
    {"name": "Vũ Thị Lan Hương", "pen_name": ""},
    {"name": "Đỗ Văn Khải", "pen_name": ""},
    {"name": "Bùi Thanh Tâm", "pen_name": "Thanh Tâm"},
]


def _photo(caption, credit, alt):
    return {"caption": caption, "credit": credit, "alt": alt}


ARTICLES = [
    # ---- Kinh tế: an article whose citations link to the demo's documents (issue 22) ----
    {
        "section": "kinh-te",
        "slug": "hoi-dap-hoa-don-dien-tu-khoi-tao-tu-may-tinh-tien",
        "title": "Hỏi đáp: hộ kinh doanh dùng hóa đơn điện tử khởi tạo từ máy tính tiền thế nào",
        "dateline": "Hà Nội",
        "sapo": (
            "Nhiều hộ kinh doanh hỏi về hóa đơn điện tử khởi tạo từ máy tính tiền. Bài viết tóm "
            "tắt những quy định đang áp dụng và chỉ rõ điều khoản để bạn đọc tra cứu."
        ),
        "authors": [1],
        "hours_ago": 9,
        "photo": _photo(
            "Nhân viên cửa hàng in hóa đơn điện tử từ máy tính tiền cho khách",
            "VGP/Thu Hà",
            "Máy tính tiền in tờ hóa đơn có mã của cơ quan thuế trên quầy thu ngân",
        ),
        "body": [
            (
                "p",
                "Hóa đơn điện tử hiện thực hiện theo Nghị định số 123/2020/NĐ-CP, văn bản đã "
                "thay thế Nghị định 119/2018/NĐ-CP trước đây. Phạm vi điều chỉnh được nêu tại "
                "Điều 1 Nghị định 123/2020/NĐ-CP.",
            ),
            ("h2", "Những điểm mới từ năm 2025"),
            (
                "p",
                "Nghị định số 70/2025/NĐ-CP sửa đổi, bổ sung quy định về hóa đơn khởi tạo từ máy "
                "tính tiền và hóa đơn điều chỉnh. Người nộp thuế có thể đọc văn bản hợp nhất số "
                "18/VBHN-BTC để thấy toàn bộ quy định sau khi sửa đổi.",
            ),
            (
                "p",
                "Cơ quan thuế lưu ý: một số câu hỏi về sách giáo khoa điện tử dẫn chiếu Thông tư "
                "27/2023/TT-BGDĐT không thuộc phạm vi bài viết này.",
            ),
        ],
    },
    # ---- Thời sự ----
    {
        "section": "thoi-su",
        "slug": "chinh-phu-hop-phien-thuong-ky-danh-gia-kinh-te-quy-ba",
        "title": "Chính phủ họp phiên thường kỳ, đánh giá tình hình kinh tế - xã hội quý III",
        "dateline": "Hà Nội",
        "sapo": (
            "Phiên họp Chính phủ thường kỳ sáng nay tập trung đánh giá kết quả quý III, nhận diện "
            "những điểm nghẽn về giải ngân vốn và đề ra nhiệm vụ trọng tâm cho những tháng cuối năm."
        ),
        "authors": [0, 1],
        "hours_ago": 2,
        "photo": _photo(
            "Quang cảnh phiên họp Chính phủ thường kỳ tại trụ sở Chính phủ",
            "VGP/Nguyễn Hoàng",
            "Các thành viên Chính phủ ngồi quanh bàn họp hình chữ nhật",
        ),
        "body": [
            (
                "p",
                "Theo báo cáo tại phiên họp, tổng sản phẩm trong nước quý III tăng khá so với "
                "cùng kỳ, lạm phát được kiểm soát, các cân đối lớn của nền kinh tế được bảo đảm.",
            ),
            ("h2", "Giải ngân vốn đầu tư công là nhiệm vụ hàng đầu"),
            (
                "p",
                "Các thành viên Chính phủ thống nhất rằng tiến độ giải ngân ở một số dự án còn "
                "chậm, chủ yếu do vướng mắc giải phóng mặt bằng và thủ tục điều chỉnh dự án.",
            ),
            (
                "p",
                "Chính phủ yêu cầu các bộ, ngành, địa phương phân công rõ người, rõ việc, rõ "
                "thời hạn và báo cáo kết quả hằng tuần cho tổ công tác đặc biệt.",
            ),
        ],
    },
    {
        "section": "thoi-su",
        "slug": "thu-tuong-tiep-doan-doanh-nghiep-tre-tieu-bieu",
        "title": "Thủ tướng tiếp đoàn doanh nghiệp trẻ tiêu biểu",
        "dateline": "Hà Nội",
        "sapo": (
            "Tiếp đoàn doanh nhân trẻ tiêu biểu, Thủ tướng Chính phủ đề nghị cộng đồng doanh nghiệp "
            "trẻ mạnh dạn đổi mới sáng tạo và tham gia sâu hơn vào các chuỗi giá trị toàn cầu."
        ),
        "authors": [2],
        "hours_ago": 7,
        "photo": _photo(
            "Thủ tướng Chính phủ chụp ảnh lưu niệm cùng các doanh nhân trẻ",
            "VGP/Nhật Minh",
            "Nhóm doanh nhân trẻ đứng thành hai hàng trong phòng khánh tiết",
        ),
        "body": [
            (
                "p",
                "Tại buổi tiếp, đại diện các doanh nghiệp chia sẻ kinh nghiệm khởi nghiệp trong "
                "lĩnh vực nông nghiệp công nghệ cao, logistics và phần mềm.",
            ),
            ("h2", "Ba kiến nghị về vốn, đất đai và thủ tục"),
            (
                "p",
                "Các doanh nhân kiến nghị mở rộng gói tín dụng cho doanh nghiệp đổi mới sáng tạo, "
                "minh bạch quỹ đất cho khu công nghiệp và rút ngắn thời gian cấp phép.",
            ),
            (
                "p",
                "Thủ tướng giao các bộ liên quan nghiên cứu, trả lời từng kiến nghị trong tháng "
                "này và công khai kết quả trên Cổng Thông tin điện tử Chính phủ.",
            ),
        ],
    },
    {
        "section": "thoi-su",
        "slug": "cat-giam-thu-tuc-hanh-chinh-trong-linh-vuc-dat-dai",
        "title": "Cắt giảm hơn 40 thủ tục hành chính trong lĩnh vực đất đai",
        "dateline": "Hà Nội",
        "sapo": (
            "Bộ Nông nghiệp và Môi trường vừa công bố phương án cắt giảm, đơn giản hóa hơn 40 thủ "
            "tục hành chính về đất đai, giúp người dân tiết kiệm thời gian và chi phí."
        ),
        "authors": [3],
        "hours_ago": 12,
        "photo": _photo(
            "Người dân làm thủ tục tại bộ phận một cửa của một quận",
            "TTXVN/Vũ Đình Lộc",
            "Người dân ngồi chờ trước các quầy tiếp nhận hồ sơ",
        ),
        "body": [
            (
                "p",
                "Theo phương án, nhiều loại giấy tờ trước đây phải nộp bản sao nay được thay "
                "bằng việc khai thác dữ liệu từ cơ sở dữ liệu quốc gia về dân cư.",
            ),
            ("h2", "Thời gian giải quyết giảm một nửa"),
            (
                "p",
                "Thời gian cấp giấy chứng nhận quyền sử dụng đất lần đầu dự kiến giảm từ 30 "
                "ngày xuống còn 15 ngày làm việc.",
            ),
            (
                "photo",
                _photo(
                    "Cán bộ địa chính đối chiếu hồ sơ trên hệ thống điện tử",
                    "TTXVN/Vũ Đình Lộc",
                    "Cán bộ ngồi trước màn hình máy tính kiểm tra bản đồ địa chính",
                ),
            ),
            (
                "p",
                "Các địa phương được yêu cầu cập nhật quy trình nội bộ và niêm yết công khai "
                "thủ tục mới chậm nhất sau 30 ngày kể từ ngày quyết định có hiệu lực.",
            ),
        ],
    },
    {
        "section": "thoi-su",
        "slug": "pho-thu-tuong-kiem-tra-cong-tac-phong-chong-bao",
        "title": "Phó Thủ tướng kiểm tra công tác phòng, chống bão tại các tỉnh ven biển",
        "dateline": "Quảng Ngãi",
        "sapo": (
            "Trước diễn biến phức tạp của cơn bão trên Biển Đông, Phó Thủ tướng Chính phủ đã kiểm "
            "tra thực địa và yêu cầu các địa phương chủ động sơ tán người dân khỏi vùng nguy hiểm."
        ),
        "authors": [4],
        "hours_ago": 20,
        "photo": _photo(
            "Phó Thủ tướng kiểm tra tuyến kè chắn sóng ven biển",
            "VGP/Đình Nam",
            "Đoàn công tác đi bộ trên tuyến kè bê tông sát biển",
        ),
        "body": [
            (
                "p",
                "Tại cảng cá, Phó Thủ tướng yêu cầu kiểm đếm tàu thuyền, hướng dẫn ngư dân vào "
                "nơi tránh trú an toàn và không để tàu nào còn hoạt động trong vùng nguy hiểm.",
            ),
            ("h2", "Ưu tiên an toàn tính mạng người dân"),
            (
                "p",
                "Lực lượng quân đội, công an và dân quân được bố trí sẵn sàng tại các xã xung "
                "yếu, phương tiện cứu hộ đã được đưa về gần khu dân cư.",
            ),
            (
                "p",
                "Phó Thủ tướng đề nghị các tỉnh cập nhật thông tin cảnh báo liên tục trên các "
                "phương tiện truyền thông để người dân biết và chủ động ứng phó.",
            ),
        ],
    },
    {
        "section": "thoi-su",
        "slug": "ban-hanh-ke-hoach-thuc-hien-nghi-quyet-ve-kinh-te-tu-nhan",
        "title": "Ban hành kế hoạch thực hiện nghị quyết về phát triển kinh tế tư nhân",
        "dateline": "Hà Nội",
        "sapo": (
            "Chính phủ ban hành kế hoạch hành động với hơn 100 nhiệm vụ cụ thể, giao từng bộ, ngành "
            "thực hiện nhằm tạo môi trường thuận lợi cho khu vực kinh tế tư nhân phát triển."
        ),
        "authors": [0],
        "hours_ago": 31,
        "photo": _photo(
            "Dây chuyền lắp ráp tại một doanh nghiệp tư nhân",
            "VGP/Trần Mạnh",
            "Công nhân mặc đồng phục xanh làm việc bên dây chuyền sản xuất",
        ),
        "body": [
            (
                "p",
                "Kế hoạch nêu rõ mục tiêu đến năm 2030 có thêm nhiều doanh nghiệp tư nhân quy mô "
                "lớn tham gia chuỗi cung ứng toàn cầu.",
            ),
            ("h2", "Mỗi nhiệm vụ có thời hạn và đầu mối chịu trách nhiệm"),
            (
                "p",
                "Các nhiệm vụ được chia thành năm nhóm: thể chế, tiếp cận nguồn lực, hỗ trợ đổi mới "
                "sáng tạo, phát triển thị trường và nâng cao năng lực quản trị doanh nghiệp.",
            ),
            (
                "p",
                "Văn phòng Chính phủ được giao theo dõi, tổng hợp tình hình thực hiện và báo cáo "
                "Thủ tướng Chính phủ mỗi quý.",
            ),
        ],
    },
    {
        "section": "thoi-su",
        "slug": "hoi-nghi-toan-quoc-ve-cong-tac-phong-chong-tham-nhung",
        "title": "Hội nghị toàn quốc tổng kết công tác phòng, chống tham nhũng",
        "dateline": "Hà Nội",
        "sapo": (
            "Hội nghị nhấn mạnh yêu cầu kiểm soát quyền lực, công khai minh bạch trong quản lý đất "
            "đai, tài chính công và đầu tư xây dựng, gắn với trách nhiệm người đứng đầu."
        ),
        "authors": [5],
        "hours_ago": 45,
        "photo": _photo(
            "Đại biểu dự hội nghị tại điểm cầu Hà Nội",
            "VGP/Hải Minh",
            "Hội trường lớn với các hàng ghế kín đại biểu",
        ),
        "body": [
            (
                "p",
                "Báo cáo tại hội nghị cho biết nhiều vụ việc đã được phát hiện qua công tác thanh "
                "tra, kiểm toán và qua phản ánh của người dân, báo chí.",
            ),
            ("h2", "Bảo vệ người tố cáo"),
            (
                "p",
                "Các đại biểu đề xuất hoàn thiện quy định bảo vệ người tố cáo, đồng thời số hóa "
                "việc kê khai tài sản, thu nhập để thuận lợi cho công tác kiểm tra, đối chiếu.",
            ),
            (
                "p",
                "Hội nghị cũng biểu dương các tập thể, cá nhân có thành tích xuất sắc trong năm.",
            ),
        ],
    },
    # ---- Kinh tế ----
    {
        "section": "kinh-te",
        "slug": "xuat-khau-nong-san-muoi-thang-dat-muc-cao",
        "title": "Xuất khẩu nông sản mười tháng đạt mức cao nhất từ trước đến nay",
        "dateline": "TP. Hồ Chí Minh",
        "sapo": (
            "Kim ngạch xuất khẩu nông, lâm, thủy sản mười tháng tăng mạnh nhờ giá gạo, cà phê và "
            "trái cây ở mức cao, trong khi các thị trường mới tiếp tục được mở rộng."
        ),
        "authors": [1, 6],
        "hours_ago": 4,
        "photo": _photo(
            "Công nhân đóng gói sầu riêng xuất khẩu tại một kho lạnh",
            "TTXVN/Hồng Đạt",
            "Công nhân xếp những quả sầu riêng vào thùng các-tông",
        ),
        "body": [
            (
                "p",
                "Cà phê, gạo và rau quả là ba mặt hàng có mức tăng trưởng cao nhất, trong đó rau "
                "quả được hưởng lợi từ việc mở cửa thị trường cho một số loại trái cây tươi.",
            ),
            ("h2", "Chú trọng truy xuất nguồn gốc"),
            (
                "p",
                "Các hiệp hội ngành hàng khuyến cáo doanh nghiệp tuân thủ nghiêm quy định về mã số "
                "vùng trồng và cơ sở đóng gói để giữ uy tín với thị trường nhập khẩu.",
            ),
            (
                "p",
                "Cơ quan quản lý dự báo kim ngạch cả năm có thể vượt kế hoạch nếu các thị trường "
                "lớn duy trì nhu cầu ổn định trong quý IV.",
            ),
        ],
    },
    {
        "section": "kinh-te",
        "slug": "giai-ngan-von-dau-tu-cong-tang-toc-cuoi-nam",
        "title": "Giải ngân vốn đầu tư công tăng tốc trong những tháng cuối năm",
        "dateline": "Hà Nội",
        "sapo": (
            "Nhiều bộ, ngành và địa phương đã đẩy nhanh tiến độ giải ngân, song một số dự án lớn "
            "vẫn chậm do vướng mắc mặt bằng và nguồn vật liệu xây dựng."
        ),
        "authors": [2],
        "hours_ago": 9,
        "photo": _photo(
            "Công trường thi công một nút giao trên tuyến cao tốc",
            "VGP/Quang Thương",
            "Máy xúc và xe tải làm việc trên công trường đường cao tốc",
        ),
        "body": [
            (
                "p",
                "Theo số liệu của Bộ Tài chính, tỷ lệ giải ngân đến hết tháng 10 cao hơn cùng kỳ "
                "năm trước, tập trung ở các dự án giao thông trọng điểm.",
            ),
            ("h2", "Điều chuyển vốn từ nơi chậm sang nơi nhanh"),
            (
                "p",
                "Các dự án không có khả năng giải ngân hết kế hoạch sẽ được rà soát để điều chuyển "
                "vốn sang những dự án có tiến độ tốt và còn thiếu vốn.",
            ),
            (
                "photo",
                _photo(
                    "Kỹ sư kiểm tra tiến độ thi công dầm cầu",
                    "VGP/Quang Thương",
                    "Hai kỹ sư đội mũ bảo hộ đứng cạnh dầm cầu bê tông",
                ),
            ),
            ("p", "Người đứng đầu các cơ quan chậm giải ngân sẽ phải giải trình trước Chính phủ."),
        ],
    },
    {
        "section": "kinh-te",
        "slug": "doanh-nghiep-thanh-lap-moi-tang-manh",
        "title": "Số doanh nghiệp thành lập mới tăng mạnh so với cùng kỳ",
        "dateline": "Hà Nội",
        "sapo": (
            "Mười tháng qua, cả nước có thêm hàng chục nghìn doanh nghiệp thành lập mới và quay "
            "trở lại hoạt động, cho thấy niềm tin của cộng đồng kinh doanh đang dần phục hồi."
        ),
        "authors": [3],
        "hours_ago": 17,
        "photo": _photo(
            "Doanh nhân trẻ làm việc tại một không gian khởi nghiệp",
            "VGP/Thu Trang",
            "Nhóm người trẻ trao đổi quanh chiếc bàn có máy tính xách tay",
        ),
        "body": [
            (
                "p",
                "Lĩnh vực bán buôn, bán lẻ và dịch vụ lưu trú, ăn uống dẫn đầu về số doanh nghiệp "
                "mới, tiếp theo là công nghiệp chế biến, chế tạo.",
            ),
            ("h2", "Đăng ký kinh doanh hoàn toàn trực tuyến"),
            (
                "p",
                "Phần lớn hồ sơ đăng ký doanh nghiệp đã được nộp qua mạng, thời gian xử lý trung "
                "bình chỉ còn khoảng hai ngày làm việc.",
            ),
            (
                "p",
                "Các chuyên gia cho rằng cần duy trì ổn định chính sách để doanh nghiệp mới "
                "vượt qua giai đoạn khó khăn ban đầu.",
            ),
        ],
    },
    {
        "section": "kinh-te",
        "slug": "ngan-hang-giam-lai-suat-cho-vay-san-xuat",
        "title": "Các ngân hàng tiếp tục giảm lãi suất cho vay sản xuất, kinh doanh",
        "dateline": "Hà Nội",
        "sapo": (
            "Ngân hàng Nhà nước đề nghị các tổ chức tín dụng tiết giảm chi phí, ưu tiên vốn cho "
            "các lĩnh vực sản xuất, xuất khẩu và nông nghiệp công nghệ cao."
        ),
        "authors": [6],
        "hours_ago": 26,
        "photo": _photo(
            "Khách hàng giao dịch tại quầy của một ngân hàng thương mại",
            "TTXVN/Trần Việt",
            "Nhân viên ngân hàng trao đổi với khách hàng qua quầy giao dịch",
        ),
        "body": [
            (
                "p",
                "Mặt bằng lãi suất cho vay bình quân đã giảm so với đầu năm, tạo điều kiện cho "
                "doanh nghiệp mở rộng sản xuất trong mùa cao điểm cuối năm.",
            ),
            ("h2", "Kiểm soát chặt chất lượng tín dụng"),
            (
                "p",
                "Cùng với giảm lãi suất, các ngân hàng được yêu cầu thẩm định kỹ phương án kinh "
                "doanh, không nới lỏng điều kiện cho vay với lĩnh vực rủi ro cao.",
            ),
            ("p", "Tăng trưởng tín dụng được điều hành linh hoạt, phù hợp với diễn biến lạm phát."),
        ],
    },
    {
        "section": "kinh-te",
        "slug": "khu-cong-nghiep-thu-hut-dau-tu-nuoc-ngoai",
        "title": "Các khu công nghiệp phía Bắc thu hút mạnh vốn đầu tư nước ngoài",
        "dateline": "Bắc Ninh",
        "sapo": (
            "Nhiều dự án sản xuất linh kiện điện tử và năng lượng sạch đã được cấp phép tại các khu "
            "công nghiệp phía Bắc, đưa vốn đăng ký mới tăng đáng kể."
        ),
        "authors": [4, 7],
        "hours_ago": 38,
        "photo": _photo(
            "Nhà xưởng mới xây dựng trong một khu công nghiệp",
            "TTXVN/Đinh Văn Nhiều",
            "Dãy nhà xưởng mái xanh nhìn từ trên cao",
        ),
        "body": [
            (
                "p",
                "Các nhà đầu tư đánh giá cao hạ tầng giao thông kết nối cảng biển, sân bay và "
                "nguồn nhân lực kỹ thuật được đào tạo bài bản tại địa phương.",
            ),
            ("h2", "Yêu cầu cao hơn về môi trường"),
            (
                "p",
                "Các dự án mới phải đáp ứng tiêu chuẩn xử lý nước thải, sử dụng năng lượng tiết "
                "kiệm và ưu tiên công nghệ ít phát thải.",
            ),
            (
                "p",
                "Ban quản lý các khu công nghiệp cam kết hỗ trợ nhà đầu tư hoàn thiện thủ tục "
                "trong thời gian ngắn nhất.",
            ),
        ],
    },
    {
        "section": "kinh-te",
        "slug": "gia-lua-tang-nong-dan-mien-tay-phan-khoi",
        "title": "Giá lúa tăng, nông dân miền Tây phấn khởi vào vụ thu hoạch",
        "dateline": "Cần Thơ",
        "sapo": (
            "Vụ lúa thu đông năm nay được mùa, được giá; thương lái đến tận ruộng thu mua, "
            "nhiều hộ nông dân có lãi cao hơn hẳn các vụ trước."
        ),
        "authors": [5],
        "hours_ago": 52,
        "photo": _photo(
            "Nông dân thu hoạch lúa bằng máy gặt đập liên hợp",
            "TTXVN/Thanh Liêm",
            "Máy gặt màu đỏ chạy giữa cánh đồng lúa chín vàng",
        ),
        "body": [
            (
                "p",
                "Nhờ áp dụng giống lúa chất lượng cao và quy trình giảm lượng phân bón, chi phí "
                "sản xuất giảm trong khi năng suất vẫn ổn định.",
            ),
            ("h2", "Liên kết theo chuỗi giúp ổn định đầu ra"),
            (
                "p",
                "Nhiều hợp tác xã đã ký hợp đồng bao tiêu với doanh nghiệp ngay từ đầu vụ, giúp "
                "nông dân yên tâm sản xuất.",
            ),
            (
                "photo",
                _photo(
                    "Thương lái cân lúa ngay tại bờ ruộng",
                    "TTXVN/Thanh Liêm",
                    "Những bao lúa xếp hàng trên bờ ruộng cạnh chiếc cân",
                ),
            ),
            (
                "p",
                "Ngành nông nghiệp khuyến cáo nông dân không chạy theo giá mà tuân thủ lịch thời "
                "vụ để phòng tránh sâu bệnh.",
            ),
        ],
    },
    # ---- Xã hội ----
    {
        "section": "xa-hoi",
        "slug": "mien-hoc-phi-cho-hoc-sinh-pho-thong-cong-lap",
        "title": "Miễn học phí cho học sinh phổ thông công lập từ năm học mới",
        "dateline": "Hà Nội",
        "sapo": (
            "Chính sách miễn học phí được áp dụng cho học sinh từ mầm non đến trung học phổ thông "
            "tại các cơ sở công lập, giảm gánh nặng chi phí cho hàng triệu gia đình."
        ),
        "authors": [5],
        "hours_ago": 6,
        "photo": _photo(
            "Học sinh tiểu học trong giờ học tại một trường công lập",
            "VGP/Thu Cúc",
            "Các em học sinh mặc đồng phục giơ tay phát biểu trong lớp",
        ),
        "body": [
            (
                "p",
                "Ngân sách nhà nước bảo đảm kinh phí bù học phí cho các trường, bảo đảm không làm "
                "ảnh hưởng đến chất lượng dạy và học.",
            ),
            ("h2", "Học sinh trường tư thục được hỗ trợ"),
            (
                "p",
                "Học sinh học tại trường dân lập, tư thục được hỗ trợ một khoản tương đương mức "
                "học phí của trường công lập cùng địa bàn.",
            ),
            (
                "p",
                "Bộ Giáo dục và Đào tạo đề nghị các địa phương công khai mức hỗ trợ và phương thức "
                "chi trả ngay từ đầu năm học.",
            ),
        ],
    },
    {
        "section": "xa-hoi",
        "slug": "mo-rong-doi-tuong-huong-tro-cap-xa-hoi",
        "title": "Mở rộng đối tượng hưởng trợ cấp xã hội hằng tháng",
        "dateline": "Hà Nội",
        "sapo": (
            "Người cao tuổi từ đủ 75 tuổi không có lương hưu sẽ được hưởng trợ cấp hằng tháng, "
            "thay vì từ 80 tuổi như trước đây."
        ),
        "authors": [1],
        "hours_ago": 14,
        "photo": _photo(
            "Cán bộ xã chi trả trợ cấp cho người cao tuổi tại nhà",
            "TTXVN/Quý Trung",
            "Cán bộ xã trao phong bì cho một cụ bà ngồi trên ghế",
        ),
        "body": [
            (
                "p",
                "Chính sách mới dự kiến giúp thêm hàng trăm nghìn người cao tuổi có nguồn thu nhập "
                "ổn định, nhất là ở khu vực nông thôn và miền núi.",
            ),
            ("h2", "Chi trả qua tài khoản ngân hàng"),
            (
                "p",
                "Người hưởng có thể nhận tiền qua tài khoản ngân hàng hoặc trực tiếp tại điểm chi "
                "trả, tùy theo điều kiện của từng gia đình.",
            ),
            (
                "p",
                "Hồ sơ đề nghị được giản lược, nộp tại ủy ban nhân dân cấp xã hoặc qua cổng dịch "
                "vụ công.",
            ),
        ],
    },
    {
        "section": "xa-hoi",
        "slug": "benh-vien-tuyen-tinh-tiep-nhan-ky-thuat-cao",
        "title": "Bệnh viện tuyến tỉnh làm chủ nhiều kỹ thuật chuyên sâu",
        "dateline": "Nghệ An",
        "sapo": (
            "Nhờ chương trình chuyển giao kỹ thuật từ bệnh viện trung ương, người bệnh ở địa phương "
            "được can thiệp tim mạch, phẫu thuật nội soi ngay tại tỉnh mà không phải đi xa."
        ),
        "authors": [3, 5],
        "hours_ago": 23,
        "photo": _photo(
            "Kíp bác sĩ thực hiện can thiệp tim mạch tại bệnh viện tỉnh",
            "TTXVN/Bích Huệ",
            "Các bác sĩ mặc áo phẫu thuật làm việc trong phòng can thiệp",
        ),
        "body": [
            (
                "p",
                "Trong năm qua, bệnh viện đã thực hiện thành công hàng trăm ca can thiệp mạch vành, "
                "giảm đáng kể số người bệnh phải chuyển lên tuyến trên.",
            ),
            ("h2", "Tiết kiệm chi phí cho người bệnh"),
            (
                "p",
                "Điều trị tại tỉnh giúp gia đình người bệnh giảm chi phí đi lại, ăn ở và thời gian "
                "chăm sóc.",
            ),
            (
                "p",
                "Ngành y tế địa phương tiếp tục cử bác sĩ trẻ đi đào tạo chuyên sâu để duy trì "
                "các kỹ thuật đã tiếp nhận.",
            ),
        ],
    },
    {
        "section": "xa-hoi",
        "slug": "nguoi-lao-dong-duoc-ho-tro-hoc-nghe-mien-phi",
        "title": "Hàng nghìn người lao động được hỗ trợ học nghề miễn phí",
        "dateline": "Bình Dương",
        "sapo": (
            "Các trung tâm dịch vụ việc làm phối hợp với doanh nghiệp mở lớp đào tạo nghề ngắn hạn "
            "cho người lao động mất việc, gắn với cam kết tuyển dụng sau khóa học."
        ),
        "authors": [7],
        "hours_ago": 35,
        "photo": _photo(
            "Học viên thực hành hàn điện tại trung tâm đào tạo nghề",
            "VGP/Minh Khôi",
            "Học viên đeo mặt nạ bảo hộ thực hành hàn trong xưởng",
        ),
        "body": [
            (
                "p",
                "Các ngành nghề được đào tạo gồm điện công nghiệp, hàn, vận hành máy CNC và "
                "logistics, đáp ứng nhu cầu tuyển dụng của các khu công nghiệp.",
            ),
            ("h2", "Học xong có việc làm ngay"),
            (
                "p",
                "Phần lớn học viên khóa trước đã được doanh nghiệp nhận vào làm việc với mức lương "
                "khởi điểm cao hơn công việc cũ.",
            ),
            (
                "p",
                "Người lao động có nhu cầu có thể đăng ký trực tuyến hoặc tại trung tâm dịch vụ "
                "việc làm gần nhất.",
            ),
        ],
    },
    {
        "section": "xa-hoi",
        "slug": "chien-dich-tiem-chung-cho-tre-em-vung-cao",
        "title": "Chiến dịch tiêm chủng bổ sung cho trẻ em vùng cao",
        "dateline": "Lào Cai",
        "sapo": (
            "Ngành y tế tổ chức các đội tiêm chủng lưu động tới những bản xa, bảo đảm trẻ em vùng "
            "cao được tiêm đủ mũi vắc xin theo chương trình tiêm chủng mở rộng."
        ),
        "authors": [2],
        "hours_ago": 48,
        "photo": _photo(
            "Nhân viên y tế tiêm vắc xin cho trẻ tại nhà văn hóa bản",
            "TTXVN/Quốc Khánh",
            "Nhân viên y tế tiêm cho một em bé được mẹ bế trên tay",
        ),
        "body": [
            (
                "p",
                "Các đội tiêm chủng mang theo thùng bảo quản lạnh, vượt đường núi để tới từng "
                "điểm tiêm đặt tại nhà văn hóa thôn, bản.",
            ),
            ("h2", "Người có uy tín vận động đồng bào"),
            ("p", "Già làng, trưởng bản tham gia vận động các gia đình đưa con đi tiêm đúng lịch."),
            (
                "photo",
                _photo(
                    "Đội tiêm chủng lưu động trên đường tới bản",
                    "TTXVN/Quốc Khánh",
                    "Ba nhân viên y tế mang thùng vắc xin đi trên đường đất giữa núi",
                ),
            ),
            ("p", "Sau chiến dịch, tỷ lệ tiêm chủng đầy đủ ở các xã vùng cao đã tăng rõ rệt."),
        ],
    },
    {
        "section": "xa-hoi",
        "slug": "xoa-nha-tam-nha-dot-nat-cho-ho-ngheo",
        "title": "Hoàn thành xóa nhà tạm, nhà dột nát cho hộ nghèo",
        "dateline": "Đắk Lắk",
        "sapo": (
            "Với sự chung tay của chính quyền, doanh nghiệp và cộng đồng, hàng nghìn hộ nghèo đã "
            "có nhà mới kiên cố, yên tâm ổn định cuộc sống."
        ),
        "authors": [0, 4],
        "hours_ago": 60,
        "photo": _photo(
            "Gia đình đồng bào Ê Đê trước ngôi nhà mới",
            "VGP/Hoàng Giám",
            "Một gia đình nhiều thế hệ đứng trước ngôi nhà mái tôn mới xây",
        ),
        "body": [
            (
                "p",
                "Mỗi căn nhà được hỗ trợ kinh phí từ ngân sách và nguồn xã hội hóa, người dân góp "
                "thêm ngày công để xây dựng.",
            ),
            ("h2", "Nhà ở gắn với sinh kế"),
            (
                "p",
                "Bên cạnh hỗ trợ nhà ở, địa phương hướng dẫn các hộ trồng cây ăn quả, chăn nuôi để "
                "có thu nhập bền vững.",
            ),
            ("p", "Tỉnh đặt mục tiêu không để hộ nào tái nghèo vì thiếu nhà ở an toàn."),
        ],
    },
    # ---- Chuyển đổi số ----
    {
        "section": "chuyen-doi-so",
        "slug": "dich-vu-cong-truc-tuyen-toan-trinh-vuot-muc-tieu",
        "title": "Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình vượt mục tiêu năm",
        "dateline": "Hà Nội",
        "sapo": (
            "Số hồ sơ được giải quyết hoàn toàn trên môi trường mạng tăng nhanh, người dân không "
            "phải đến cơ quan nhà nước mà vẫn nhận kết quả qua bưu chính hoặc bản điện tử."
        ),
        "authors": [6],
        "hours_ago": 3,
        "photo": _photo(
            "Người dân nộp hồ sơ trực tuyến bằng điện thoại",
            "VGP/Hải Nguyễn",
            "Bàn tay cầm điện thoại hiển thị giao diện cổng dịch vụ công",
        ),
        "body": [
            (
                "p",
                "Các thủ tục được dùng nhiều nhất là cấp phiếu lý lịch tư pháp, đăng ký khai sinh, "
                "cấp đổi giấy phép lái xe và đăng ký hộ kinh doanh.",
            ),
            ("h2", "Dữ liệu dùng chung, người dân khai một lần"),
            (
                "p",
                "Nhờ kết nối cơ sở dữ liệu dân cư, thông tin cá nhân được tự động điền, người dân "
                "không phải khai lại nhiều lần cho các cơ quan khác nhau.",
            ),
            (
                "p",
                "Cơ quan chủ trì đề nghị các bộ, ngành tiếp tục rà soát để đưa thêm thủ tục lên "
                "môi trường điện tử trong năm tới.",
            ),
        ],
    },
    {
        "section": "chuyen-doi-so",
        "slug": "thanh-toan-khong-dung-tien-mat-tang-manh",
        "title": "Thanh toán không dùng tiền mặt tăng mạnh ở khu vực nông thôn",
        "dateline": "Thái Bình",
        "sapo": (
            "Mã QR xuất hiện ngày càng nhiều ở chợ quê, cửa hàng tạp hóa và điểm thu tiền điện, "
            "nước, cho thấy thói quen thanh toán số đang lan rộng ngoài đô thị."
        ),
        "authors": [1],
        "hours_ago": 11,
        "photo": _photo(
            "Tiểu thương dùng mã QR nhận tiền tại một chợ quê",
            "TTXVN/Thế Duyệt",
            "Người bán rau đưa tấm mã QR cho khách quét bằng điện thoại",
        ),
        "body": [
            (
                "p",
                "Các ngân hàng miễn phí chuyển khoản và mở tài khoản trực tuyến, giúp người dân dễ "
                "dàng làm quen với dịch vụ.",
            ),
            ("h2", "Cảnh giác với lừa đảo trực tuyến"),
            (
                "p",
                "Cùng với tiện ích, cơ quan chức năng khuyến cáo người dân không chia sẻ mã xác "
                "thực, không bấm vào đường dẫn lạ gửi qua tin nhắn.",
            ),
            (
                "p",
                "Tổ công nghệ số cộng đồng ở các thôn được giao hướng dẫn người cao tuổi sử dụng "
                "ứng dụng an toàn.",
            ),
        ],
    },
    {
        "section": "chuyen-doi-so",
        "slug": "so-hoa-ho-so-benh-an-tai-cac-benh-vien",
        "title": "Các bệnh viện đẩy nhanh triển khai bệnh án điện tử",
        "dateline": "TP. Hồ Chí Minh",
        "sapo": (
            "Bệnh án điện tử giúp bác sĩ tra cứu tiền sử bệnh nhanh hơn, giảm giấy tờ và thời gian "
            "chờ đợi của người bệnh khi khám, chữa bệnh."
        ),
        "authors": [3],
        "hours_ago": 19,
        "photo": _photo(
            "Bác sĩ tra cứu bệnh án điện tử trên máy tính bảng",
            "VGP/Lê Sơn",
            "Bác sĩ mặc áo blouse trắng xem thông tin trên máy tính bảng",
        ),
        "body": [
            (
                "p",
                "Nhiều bệnh viện đã ngừng sử dụng bệnh án giấy, kết quả xét nghiệm và chẩn đoán "
                "hình ảnh được trả trực tiếp vào hồ sơ điện tử.",
            ),
            ("h2", "Bảo mật dữ liệu sức khỏe"),
            (
                "p",
                "Các bệnh viện phải đáp ứng tiêu chuẩn an toàn thông tin, phân quyền truy cập và "
                "lưu vết mọi thao tác trên hồ sơ người bệnh.",
            ),
            ("p", "Người bệnh có thể xem lại kết quả khám qua ứng dụng mà không cần giữ giấy tờ."),
        ],
    },
    {
        "section": "chuyen-doi-so",
        "slug": "trung-tam-du-lieu-quoc-gia-di-vao-van-hanh",
        "title": "Trung tâm dữ liệu quốc gia chuẩn bị đi vào vận hành",
        "dateline": "Hà Nội",
        "sapo": (
            "Trung tâm dữ liệu quốc gia sẽ là nơi tích hợp, đồng bộ và chia sẻ dữ liệu giữa các cơ "
            "quan nhà nước, làm nền tảng cho chính phủ số."
        ),
        "authors": [4],
        "hours_ago": 29,
        "photo": _photo(
            "Các tủ máy chủ trong trung tâm dữ liệu",
            "VGP/Đức Tuân",
            "Hành lang giữa hai dãy tủ máy chủ có đèn tín hiệu xanh",
        ),
        "body": [
            (
                "p",
                "Trung tâm được thiết kế với nhiều lớp bảo vệ, bảo đảm hoạt động liên tục và an "
                "toàn cho dữ liệu quan trọng của quốc gia.",
            ),
            ("h2", "Dữ liệu là tài nguyên"),
            (
                "p",
                "Việc kết nối dữ liệu giúp các cơ quan ra quyết định dựa trên số liệu thời gian "
                "thực thay vì báo cáo tổng hợp thủ công.",
            ),
            (
                "photo",
                _photo(
                    "Kỹ sư giám sát hệ thống tại phòng điều hành",
                    "VGP/Đức Tuân",
                    "Kỹ sư ngồi trước nhiều màn hình hiển thị biểu đồ",
                ),
            ),
            ("p", "Các bộ, ngành được yêu cầu chuẩn hóa dữ liệu trước khi kết nối vào trung tâm."),
        ],
    },
    {
        "section": "chuyen-doi-so",
        "slug": "tri-tue-nhan-tao-ho-tro-tra-loi-cong-dan",
        "title": "Thử nghiệm trợ lý ảo trả lời câu hỏi của người dân về thủ tục hành chính",
        "dateline": "Đà Nẵng",
        "sapo": (
            "Trợ lý ảo được huấn luyện trên bộ câu hỏi thường gặp, có thể hướng dẫn người dân chuẩn "
            "bị hồ sơ và tra cứu tình trạng giải quyết thủ tục."
        ),
        "authors": [7],
        "hours_ago": 41,
        "photo": _photo(
            "Người dân trò chuyện với trợ lý ảo tại trung tâm hành chính",
            "TTXVN/Trần Lê Lâm",
            "Một người phụ nữ đứng trước màn hình cảm ứng lớn",
        ),
        "body": [
            (
                "p",
                "Trong giai đoạn thử nghiệm, mọi câu trả lời đều được cán bộ kiểm tra lại để bảo "
                "đảm chính xác trước khi mở rộng.",
            ),
            ("h2", "Không thay thế cán bộ"),
            (
                "p",
                "Thành phố khẳng định trợ lý ảo chỉ hỗ trợ, những trường hợp phức tạp vẫn được "
                "chuyển tới cán bộ chuyên môn giải đáp.",
            ),
            ("p", "Người dân có thể góp ý về chất lượng câu trả lời ngay trên giao diện."),
        ],
    },
    {
        "section": "chuyen-doi-so",
        "slug": "phat-trien-nguon-nhan-luc-cong-nghe-so",
        "title": "Đào tạo nguồn nhân lực công nghệ số cho các ngành mũi nhọn",
        "dateline": "Hà Nội",
        "sapo": (
            "Các trường đại học mở thêm ngành thiết kế vi mạch, an toàn thông tin và khoa học dữ "
            "liệu, phối hợp với doanh nghiệp để sinh viên được thực tập ngay từ năm thứ hai."
        ),
        "authors": [0],
        "hours_ago": 57,
        "photo": _photo(
            "Sinh viên thực hành trong phòng thí nghiệm vi mạch",
            "VGP/Xuân Tùng",
            "Sinh viên quan sát bo mạch dưới kính hiển vi",
        ),
        "body": [
            (
                "p",
                "Nhiều doanh nghiệp công nghệ tài trợ học bổng và thiết bị thực hành, cam kết tuyển "
                "dụng sinh viên tốt nghiệp loại khá trở lên.",
            ),
            ("h2", "Giảng viên cập nhật công nghệ mới"),
            (
                "p",
                "Các trường cử giảng viên đi bồi dưỡng ngắn hạn tại doanh nghiệp để chương trình "
                "đào tạo sát với thực tế sản xuất.",
            ),
            ("p", "Mục tiêu là hình thành đội ngũ kỹ sư đủ về số lượng, vững về chuyên môn."),
        ],
    },
    # ---- Văn hóa - Thể thao ----
    {
        "section": "van-hoa-the-thao",
        "slug": "le-hoi-ao-dai-thu-hut-du-khach",
        "title": "Lễ hội áo dài thu hút đông đảo du khách trong và ngoài nước",
        "dateline": "Thừa Thiên Huế",
        "sapo": (
            "Hàng trăm mẫu áo dài lấy cảm hứng từ di sản cố đô được giới thiệu trong lễ hội, góp "
            "phần quảng bá văn hóa truyền thống tới bạn bè quốc tế."
        ),
        "authors": [5],
        "hours_ago": 8,
        "photo": _photo(
            "Người mẫu trình diễn áo dài trước Ngọ Môn",
            "VGP/Phan Hậu",
            "Hàng người mẫu mặc áo dài nhiều màu đi trên sân đá trước cổng thành cổ",
        ),
        "body": [
            (
                "p",
                "Bên cạnh trình diễn thời trang, lễ hội còn có triển lãm về lịch sử chiếc áo dài "
                "và khu trải nghiệm may đo cho du khách.",
            ),
            ("h2", "Gắn văn hóa với phát triển du lịch"),
            (
                "p",
                "Lượng khách lưu trú tại thành phố tăng rõ rệt trong những ngày diễn ra lễ hội, "
                "các cơ sở lưu trú gần như kín phòng.",
            ),
            ("p", "Ban tổ chức dự kiến đưa lễ hội thành sự kiện thường niên của địa phương."),
        ],
    },
    {
        "section": "van-hoa-the-thao",
        "slug": "doi-tuyen-bong-da-nu-gianh-ve-du-vong-chung-ket",
        "title": "Đội tuyển bóng đá nữ giành vé dự vòng chung kết châu lục",
        "dateline": "Hà Nội",
        "sapo": (
            "Với chiến thắng thuyết phục ở lượt trận cuối, đội tuyển bóng đá nữ đứng đầu bảng vòng "
            "loại và chính thức giành quyền tham dự vòng chung kết."
        ),
        "authors": [4],
        "hours_ago": 16,
        "photo": _photo(
            "Các cầu thủ đội tuyển nữ ăn mừng bàn thắng",
            "TTXVN/Hoàng Linh",
            "Các nữ cầu thủ áo đỏ ôm nhau ăn mừng trên sân cỏ",
        ),
        "body": [
            (
                "p",
                "Đội tuyển thi đấu tự tin, kiểm soát thế trận trong phần lớn thời gian và ghi bàn "
                "từ những pha phối hợp đẹp mắt.",
            ),
            ("h2", "Lứa cầu thủ trẻ khẳng định mình"),
            (
                "p",
                "Nhiều gương mặt trẻ được trao cơ hội ra sân và chơi nổi bật, mở ra triển vọng cho "
                "sự chuyển giao thế hệ.",
            ),
            (
                "p",
                "Bộ Văn hóa, Thể thao và Du lịch đã gửi thư khen và quyết định thưởng cho toàn "
                "đội.",
            ),
        ],
    },
    {
        "section": "van-hoa-the-thao",
        "slug": "tu-bo-di-tich-thanh-co-bang-cong-nghe-so",
        "title": "Ứng dụng công nghệ số trong tu bổ, phục dựng di tích thành cổ",
        "dateline": "Quảng Trị",
        "sapo": (
            "Công nghệ quét ba chiều được dùng để lưu giữ hiện trạng di tích, giúp các nhà chuyên "
            "môn lập phương án tu bổ chính xác và lâu dài."
        ),
        "authors": [2, 5],
        "hours_ago": 27,
        "photo": _photo(
            "Chuyên gia vận hành máy quét ba chiều tại khu di tích",
            "VGP/Thanh Hải",
            "Một người đứng cạnh máy quét đặt trên giá ba chân trước tường thành",
        ),
        "body": [
            (
                "p",
                "Dữ liệu quét được lưu trữ lâu dài, có thể dùng để phục dựng các chi tiết kiến trúc "
                "nếu bị hư hại do thời tiết hoặc thiên tai.",
            ),
            ("h2", "Tham quan di tích trên không gian mạng"),
            (
                "p",
                "Từ dữ liệu này, địa phương xây dựng chương trình tham quan thực tế ảo, giúp du "
                "khách ở xa vẫn khám phá được di tích.",
            ),
            (
                "photo",
                _photo(
                    "Mô hình số của một cổng thành hiển thị trên màn hình",
                    "VGP/Thanh Hải",
                    "Màn hình máy tính hiển thị mô hình ba chiều của cổng thành",
                ),
            ),
            ("p", "Cách làm này sẽ được nhân rộng cho các di tích quốc gia đặc biệt khác."),
        ],
    },
    {
        "section": "van-hoa-the-thao",
        "slug": "giai-chay-vi-moi-truong-bien-xanh",
        "title": "Hàng nghìn người tham gia giải chạy vì môi trường biển xanh",
        "dateline": "Quảng Ninh",
        "sapo": (
            "Giải chạy dọc bờ vịnh thu hút vận động viên chuyên nghiệp và người dân, toàn bộ lệ phí "
            "được dành cho chương trình làm sạch bãi biển và trồng rừng ngập mặn."
        ),
        "authors": [6],
        "hours_ago": 40,
        "photo": _photo(
            "Vận động viên chạy trên cung đường ven vịnh lúc bình minh",
            "TTXVN/Văn Đức",
            "Dòng người chạy trên con đường sát biển, phía xa là núi đá",
        ),
        "body": [
            (
                "p",
                "Ban tổ chức không sử dụng chai nhựa dùng một lần, vận động viên mang theo bình "
                "nước cá nhân và được tiếp nước tại các trạm.",
            ),
            ("h2", "Rác thải được phân loại ngay tại chỗ"),
            (
                "p",
                "Tình nguyện viên hướng dẫn người tham gia phân loại rác, bảo đảm khu vực tổ chức "
                "sạch sẽ sau giải.",
            ),
            ("p", "Giải chạy năm nay có số người đăng ký cao nhất từ trước đến nay."),
        ],
    },
    {
        "section": "van-hoa-the-thao",
        "slug": "trien-lam-tranh-son-mai-duong-dai",
        "title": "Triển lãm tranh sơn mài đương đại thu hút giới trẻ",
        "dateline": "Hà Nội",
        "sapo": (
            "Hơn 80 tác phẩm sơn mài của các họa sĩ nhiều thế hệ cho thấy sức sống mới của chất "
            "liệu truyền thống trong đời sống nghệ thuật hôm nay."
        ),
        "authors": [1],
        "hours_ago": 54,
        "photo": _photo(
            "Khách tham quan xem tranh sơn mài tại bảo tàng",
            "VGP/Thu Hương",
            "Hai người trẻ đứng ngắm bức tranh sơn mài lớn treo trên tường",
        ),
        "body": [
            (
                "p",
                "Nhiều họa sĩ trẻ kết hợp kỹ thuật mài truyền thống với bố cục hiện đại, tạo nên "
                "những tác phẩm vừa quen vừa lạ.",
            ),
            ("h2", "Những buổi trò chuyện cùng họa sĩ"),
            (
                "p",
                "Trong thời gian triển lãm, bảo tàng tổ chức các buổi giới thiệu quy trình làm "
                "tranh để công chúng hiểu hơn về chất liệu.",
            ),
            ("p", "Triển lãm mở cửa miễn phí đến hết tháng sau."),
        ],
    },
    {
        "section": "van-hoa-the-thao",
        "slug": "dua-ghe-ngo-truyen-thong-mua-nuoc-noi",
        "title": "Đua ghe ngo truyền thống sôi động mùa nước nổi",
        "dateline": "Sóc Trăng",
        "sapo": (
            "Hàng chục đội ghe ngo tranh tài trên sông trong tiếng trống, tiếng reo hò cổ vũ của "
            "hàng vạn khán giả, tạo nên ngày hội văn hóa đặc sắc của đồng bào Khmer."
        ),
        "authors": [7, 3],
        "hours_ago": 66,
        "photo": _photo(
            "Các đội ghe ngo tranh tài trên sông",
            "TTXVN/Chanh Đa",
            "Hai chiếc ghe dài với hàng chục tay chèo lướt song song trên mặt sông",
        ),
        "body": [
            (
                "p",
                "Mỗi chiếc ghe dài hàng chục mét, do các tay chèo của phum, sóc luyện tập nhiều "
                "tháng trước ngày hội.",
            ),
            ("h2", "Gìn giữ nét đẹp văn hóa"),
            (
                "p",
                "Bên cạnh đua ghe, lễ hội còn có các hoạt động văn nghệ, ẩm thực và trưng bày sản "
                "phẩm nông nghiệp của địa phương.",
            ),
            ("p", "Lễ hội là dịp để đồng bào cầu mong mưa thuận gió hòa, mùa màng bội thu."),
        ],
    },
    # ---- Địa phương ----
    {
        "section": "dia-phuong",
        "slug": "hai-phong-khoi-cong-cau-vuot-song-moi",
        "title": "Hải Phòng khởi công cây cầu vượt sông nối hai trung tâm kinh tế",
        "dateline": "Hải Phòng",
        "sapo": (
            "Cây cầu mới dự kiến hoàn thành sau ba năm, rút ngắn thời gian di chuyển giữa khu kinh "
            "tế ven biển và trung tâm thành phố xuống còn khoảng 15 phút."
        ),
        "authors": [4],
        "hours_ago": 5,
        "photo": _photo(
            "Lễ khởi công cầu vượt sông tại bờ bắc",
            "VGP/Đức Anh",
            "Đại biểu cầm xẻng xúc cát tại lễ khởi công bên bờ sông",
        ),
        "body": [
            (
                "p",
                "Dự án được đầu tư từ ngân sách thành phố, thiết kế sáu làn xe cùng làn dành cho "
                "xe thô sơ và người đi bộ.",
            ),
            ("h2", "Giải phóng mặt bằng hoàn thành trước thời hạn"),
            (
                "p",
                "Nhờ làm tốt công tác dân vận, các hộ dân trong vùng dự án đã bàn giao mặt bằng "
                "sớm hơn kế hoạch.",
            ),
            (
                "p",
                "Thành phố yêu cầu nhà thầu bảo đảm an toàn giao thông đường thủy trong quá trình "
                "thi công.",
            ),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "lao-cai-phat-trien-du-lich-cong-dong",
        "title": "Lào Cai phát triển du lịch cộng đồng gắn với bảo tồn bản sắc",
        "dateline": "Lào Cai",
        "sapo": (
            "Nhiều bản làng vùng cao đã trở thành điểm đến hấp dẫn nhờ mô hình du lịch cộng đồng, "
            "giúp người dân có thêm thu nhập mà vẫn giữ được nếp sống truyền thống."
        ),
        "authors": [6, 0],
        "hours_ago": 13,
        "photo": _photo(
            "Du khách trải nghiệm dệt thổ cẩm cùng phụ nữ dân tộc Dao",
            "TTXVN/Quốc Khánh",
            "Du khách ngồi cạnh khung dệt được một phụ nữ hướng dẫn",
        ),
        "body": [
            (
                "p",
                "Các hộ làm homestay được tập huấn về vệ sinh an toàn thực phẩm, kỹ năng đón tiếp "
                "và giới thiệu văn hóa địa phương.",
            ),
            ("h2", "Giữ rừng, giữ ruộng bậc thang"),
            (
                "p",
                "Quy ước của bản yêu cầu không xây nhà bê tông cao tầng, không phá ruộng bậc thang "
                "để làm công trình dịch vụ.",
            ),
            (
                "photo",
                _photo(
                    "Ruộng bậc thang mùa lúa chín",
                    "TTXVN/Quốc Khánh",
                    "Những thửa ruộng bậc thang vàng óng uốn lượn theo sườn núi",
                ),
            ),
            ("p", "Thu nhập từ du lịch đã giúp nhiều hộ thoát nghèo bền vững."),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "can-tho-chong-ngap-cho-khu-do-thi-trung-tam",
        "title": "Cần Thơ triển khai dự án chống ngập cho khu đô thị trung tâm",
        "dateline": "Cần Thơ",
        "sapo": (
            "Hệ thống kè, cống ngăn triều và trạm bơm mới sẽ giúp giảm tình trạng ngập úng mỗi khi "
            "triều cường kết hợp mưa lớn."
        ),
        "authors": [3],
        "hours_ago": 22,
        "photo": _photo(
            "Tuyến kè chống sạt lở dọc bờ sông đang thi công",
            "VGP/Minh Tâm",
            "Công nhân thi công kè bê tông dọc bờ sông",
        ),
        "body": [
            (
                "p",
                "Dự án là một phần của chương trình phát triển đô thị thích ứng với biến đổi khí "
                "hậu tại vùng đồng bằng.",
            ),
            ("h2", "Kết hợp cảnh quan ven sông"),
            (
                "p",
                "Bên cạnh chức năng chống ngập, tuyến kè được thiết kế lối đi bộ, cây xanh, tạo "
                "không gian công cộng cho người dân.",
            ),
            (
                "p",
                "Thành phố cam kết công khai tiến độ và chất lượng công trình để người dân giám sát.",
            ),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "da-nang-thu-hut-doanh-nghiep-cong-nghe",
        "title": "Đà Nẵng thu hút thêm nhiều doanh nghiệp công nghệ về khu công nghệ cao",
        "dateline": "Đà Nẵng",
        "sapo": (
            "Thành phố dành quỹ đất sạch và chính sách ưu đãi riêng cho các dự án thiết kế vi mạch, "
            "trí tuệ nhân tạo và phần mềm."
        ),
        "authors": [7],
        "hours_ago": 34,
        "photo": _photo(
            "Toàn cảnh khu công nghệ cao nhìn từ trên cao",
            "TTXVN/Văn Dũng",
            "Các tòa nhà văn phòng hiện đại giữa nhiều mảng cây xanh",
        ),
        "body": [
            (
                "p",
                "Các nhà đầu tư được hỗ trợ thủ tục theo cơ chế một cửa, có cán bộ đầu mối đồng "
                "hành từ khi tìm hiểu đến khi dự án đi vào hoạt động.",
            ),
            ("h2", "Nhà ở cho chuyên gia và kỹ sư"),
            (
                "p",
                "Thành phố quy hoạch khu nhà ở, trường học quốc tế gần khu công nghệ cao để thu "
                "hút chuyên gia đến làm việc lâu dài.",
            ),
            (
                "p",
                "Mục tiêu là đưa công nghệ thông tin thành ngành kinh tế mũi nhọn của thành phố.",
            ),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "quang-ninh-trong-rung-ngap-man-bao-ve-bo-bien",
        "title": "Quảng Ninh trồng mới hàng trăm héc-ta rừng ngập mặn bảo vệ bờ biển",
        "dateline": "Quảng Ninh",
        "sapo": (
            "Rừng ngập mặn được trồng mới giúp chắn sóng, chống xói lở và tạo sinh kế cho người dân "
            "ven biển từ nuôi trồng, khai thác thủy sản."
        ),
        "authors": [2],
        "hours_ago": 47,
        "photo": _photo(
            "Người dân trồng cây đước trên bãi bồi ven biển",
            "TTXVN/Thanh Vân",
            "Người dân đội nón cắm cây con trên bãi bùn",
        ),
        "body": [
            ("p", "Cây giống được ươm tại chỗ, trồng theo mùa phù hợp để đạt tỷ lệ sống cao."),
            ("h2", "Cộng đồng cùng giữ rừng"),
            (
                "p",
                "Các tổ bảo vệ rừng do người dân tự quản được giao khoán chăm sóc, hưởng lợi từ "
                "nguồn thủy sản dưới tán rừng.",
            ),
            ("p", "Tỉnh đang nghiên cứu cơ chế bán tín chỉ các-bon từ diện tích rừng ngập mặn."),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "nghe-an-dua-nuoc-sach-ve-cac-xa-mien-nui",
        "title": "Nghệ An đưa nước sạch về các xã miền núi",
        "dateline": "Nghệ An",
        "sapo": (
            "Các công trình cấp nước tập trung vừa hoàn thành giúp hàng nghìn hộ đồng bào miền núi "
            "lần đầu có nước sạch sinh hoạt ổn định quanh năm."
        ),
        "authors": [5, 1],
        "hours_ago": 70,
        "photo": _photo(
            "Người dân lấy nước sạch tại vòi nước đầu bản",
            "VGP/Hải Nam",
            "Một em nhỏ hứng nước từ vòi vào chiếc xô nhựa",
        ),
        "body": [
            (
                "p",
                "Nguồn nước được lấy từ khe suối đầu nguồn, qua hệ thống lọc trước khi dẫn về các "
                "cụm dân cư.",
            ),
            ("h2", "Người dân tham gia quản lý công trình"),
            ("p", "Mỗi bản bầu tổ quản lý vận hành, thu phí nhỏ để bảo trì đường ống và bể chứa."),
            ("p", "Tỷ lệ mắc các bệnh đường ruột ở trẻ em tại các xã hưởng lợi đã giảm rõ rệt."),
        ],
    },
]

# A long-form (E-magazine) story: large pictures edge to edge, a pull quote between chapters.
LONGFORM = {
    "section": "dia-phuong",
    "slug": "emagazine-hanh-trinh-dua-dien-ve-ban-vung-cao",
    "title": "E-magazine: Hành trình đưa điện lưới về những bản làng vùng cao",
    "dateline": "Lào Cai",
    "sapo": (
        "Mười năm trước, nhiều bản làng nơi biên cương vẫn thắp đèn dầu. Hôm nay, ánh điện đã "
        "về tới từng nếp nhà sàn, mang theo những đổi thay mà người dân từng chỉ dám mơ."
    ),
    "hours_ago": 30,
    "authors": [2, 5],
    "photo": {
        "caption": "Đường dây điện vượt núi về bản trong sương sớm",
        "credit": "VGP/Hải Nam",
        "alt": "Cột điện cao thế đứng trên sườn núi phủ sương",
    },
    "body": [
        ("h2", "Những đêm đèn dầu"),
        (
            "p",
            "Ông Vàng A Sử, trưởng bản, vẫn nhớ những buổi tối cả nhà quây quần bên ngọn đèn "
            "dầu leo lét. Trẻ con học bài phải ghé sát trang vở, còn người lớn đi ngủ sớm vì "
            "chẳng có việc gì làm khi trời tối.",
        ),
        (
            "photo_full",
            {
                "caption": "Bản làng nằm lưng chừng núi, cách trung tâm xã hơn hai mươi cây số",
                "credit": "VGP/Hải Nam",
                "alt": "Những mái nhà sàn rải rác trên sườn núi xanh",
            },
        ),
        (
            "quote",
            {
                "quote": "Có điện rồi, con cháu học được buổi tối, bà con xem được tivi, biết "
                "thêm cách làm ăn.",
                "attribution": "Ông Vàng A Sử, trưởng bản",
            },
        ),
        ("h2", "Vượt núi kéo điện"),
        (
            "p",
            "Để đưa được đường dây về bản, đội thi công phải gùi từng bộ phận cột điện qua những "
            "con dốc dựng đứng. Mùa mưa, đường trơn trượt, có hôm cả đội chỉ đi được vài trăm mét.",
        ),
        (
            "photo_full",
            {
                "caption": "Công nhân điện lực dựng cột trên địa hình đồi dốc",
                "credit": "VGP/Hải Nam",
                "alt": "Nhóm công nhân mặc áo bảo hộ dựng cột điện trên dốc",
            },
        ),
        ("h2", "Đổi thay từ ánh điện"),
        (
            "p",
            "Có điện, nhiều hộ đã mua máy xay xát, máy sấy nông sản, mở cửa hàng nhỏ. Trường học "
            "của bản có thêm máy chiếu, các em được học những bài giảng sinh động hơn.",
        ),
    ],
}

# Stories first published long before they reach the portal (the print edition, the archive):
# each keeps its own publication time ("Thời điểm đăng"), in Hà Nội time, and sits in listings
# and feeds at that date, while the news sitemap leaves it out.
ARCHIVE = [
    {
        "section": "van-hoa-the-thao",
        "slug": "tu-lieu-ngay-hoi-sach-dau-tien-o-pho-co",
        "title": "Tư liệu: Ngày hội sách đầu tiên trên phố cổ",
        "dateline": "Hà Nội",
        "sapo": (
            "Bài in trên ấn phẩm giấy, nay được đưa lên cổng: ngày hội sách đầu tiên trên phố cổ "
            "thu hút đông đảo bạn đọc nhỏ tuổi cùng gia đình tới đọc và đổi sách."
        ),
        "authors": [5],
        "published": "2019-04-21 07:30",
        "photo": _photo(
            "Các gian sách dựng dọc con phố đi bộ trong ngày hội",
            "VGP/Tư liệu",
            "Những gian hàng sách có mái bạt trắng xếp dọc một con phố nhỏ",
        ),
        "body": [
            (
                "p",
                "Từ sáng sớm, các gian sách đã kín người. Nhiều gia đình mang theo sách cũ để đổi "
                "lấy những cuốn mà con em mình còn thiếu.",
            ),
            (
                "p",
                "Ban tổ chức cho biết ngày hội sẽ được duy trì hằng năm, mỗi năm chọn một chủ đề "
                "gắn với lịch sử và văn hóa của khu phố.",
            ),
        ],
    },
    {
        "section": "dia-phuong",
        "slug": "tu-lieu-thong-xe-cau-treo-qua-song-ve-ban",
        "title": "Tư liệu: Thông xe cây cầu treo đầu tiên qua sông về bản",
        "dateline": "Hà Giang",
        "sapo": (
            "Bài từ kho lưu trữ: cây cầu treo dân sinh nối hai bờ sông được thông xe, học sinh "
            "không còn phải lội suối đến trường mỗi mùa nước lên."
        ),
        "authors": [2],
        "published": "2021-09-05 16:00",
        "photo": _photo(
            "Người dân đi bộ qua cây cầu treo trong ngày thông xe",
            "VGP/Tư liệu",
            "Cây cầu treo thép bắc qua dòng sông giữa hai sườn núi",
        ),
        "body": [
            (
                "p",
                "Cây cầu dài gần tám mươi mét, đủ cho xe máy và người đi bộ. Trước đây, vào mùa "
                "mưa, cả bản gần như bị chia cắt với trung tâm xã.",
            ),
            (
                "p",
                "Người dân góp ngày công san mặt bằng hai đầu cầu và tự tay trồng hàng cây dọc "
                "lối lên.",
            ),
        ],
    },
]
