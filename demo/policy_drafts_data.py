"""The demo decree's consultation: the policy, the comments readers sent on units of Dự thảo 1
and the drafting agency's answers, some of which changed units of Dự thảo 2. Written for the
project; names and organisations are invented."""

SLUG = "nghi-dinh-lay-y-kien-dien-tu"
POLICY = {
    "title": (
        "Nghị định quy định về lấy ý kiến nhân dân đối với dự thảo văn bản quy phạm pháp luật "
        "trên môi trường điện tử"
    ),
    "summary": (
        "Quy định cách đăng tải hồ sơ dự thảo, tiếp nhận góp ý qua mạng, tổng hợp, tiếp thu, "
        "giải trình và công khai kết quả, để mỗi ý kiến của người dân đều được xem xét và trả lời."
    ),
    "agency": "Văn phòng Chính phủ",
}
# Days from today: drafting, the consultation (from, to), the report after it closed.
DRAFTING_STARTED = -150
CONSULTATION = (-100, -40)
REPORT = -25
VERSIONS = [
    {
        "file": "du-thao-nghi-dinh-v1.txt",
        "drafted_on": -105,
        "published": -100,
        "note": "Dự thảo đưa ra lấy ý kiến nhân dân.",
    },
    {
        "file": "du-thao-nghi-dinh-v2.txt",
        "drafted_on": -30,
        "published": -28,
        "note": (
            "Chỉnh lý sau lấy ý kiến: thêm điều về hỗ trợ người khuyết tật, người cao tuổi; "
            "bỏ điều về kinh phí; chuyển điều về kiểm duyệt ý kiến sang Chương III; sửa thời hạn "
            "lấy ý kiến, thông tin người góp ý, thời hạn công khai bản tổng hợp và đối thoại."
        ),
    },
]

# Each answer: the unit of Dự thảo 1 it answers, the outcome, the explanation and the anchors of
# the units of Dự thảo 2 it changed.
ANSWERS = {
    "thoi-han": (
        "dieu-8-khoan-1",
        "tiep-thu",
        "Tiếp thu. Dự thảo 2 nâng thời hạn lấy ý kiến đối với dự án luật, pháp lệnh lên ít nhất "
        "60 ngày, phù hợp với Luật Ban hành văn bản quy phạm pháp luật; giữ 30 ngày với các dự "
        "thảo khác.",
        ["dieu-8-khoan-1"],
    ),
    "tai-lieu": (
        "dieu-6-khoan-1-diem-dd",
        "tiep-thu",
        "Tiếp thu. Bổ sung bản so sánh các dự thảo vào hồ sơ được đăng tải để người dân thấy rõ "
        "những điểm đã thay đổi.",
        ["dieu-6-khoan-1-diem-dd"],
    ),
    "thong-tin": (
        "dieu-10-khoan-2",
        "tiep-thu-mot-phan",
        "Tiếp thu một phần. Bỏ yêu cầu bắt buộc số điện thoại và số định danh cá nhân; vẫn giữ địa "
        "chỉ thư điện tử để gửi mã biên nhận và thông báo kết quả xử lý ý kiến.",
        ["dieu-10-khoan-2"],
    ),
    "cong-khai": (
        "dieu-16-khoan-1",
        "tiep-thu",
        "Tiếp thu. Rút thời hạn công khai bản tổng hợp, tiếp thu, giải trình xuống 15 ngày kể từ "
        "ngày kết thúc lấy ý kiến.",
        ["dieu-17-khoan-1"],
    ),
    "doi-thoai": (
        "dieu-17-khoan-2",
        "tiep-thu-mot-phan",
        "Tiếp thu một phần. Bắt buộc đối thoại với dự án luật, nghị định có tác động lớn hoặc còn "
        "nhiều ý kiến khác nhau; không bắt buộc với mọi dự thảo vì sẽ kéo dài thời gian soạn thảo.",
        ["dieu-18-khoan-2"],
    ),
    "giai-thich": (
        "dieu-3-khoan-2",
        "khong-tiep-thu",
        "Không tiếp thu. Ý kiến gửi qua thư điện tử hoặc ứng dụng di động đã được tiếp nhận theo "
        "Điều 9; định nghĩa người góp ý không cần liệt kê từng kênh.",
        [],
    ),
    "kinh-phi": (
        "dieu-19",
        "tiep-thu",
        "Tiếp thu. Bỏ Điều 19 vì kinh phí đã được bảo đảm theo pháp luật về ngân sách nhà nước, "
        "không cần quy định lại.",
        [],
    ),
    "hieu-luc": (
        "dieu-23-khoan-1",
        "ghi-nhan",
        "Ghi nhận. Ngày có hiệu lực sẽ được xác định khi trình Chính phủ, bảo đảm đủ thời gian "
        "nâng cấp hệ thống.",
        [],
    ),
}

# (answer, name, organisation, capacity, comment, passage quoted or "")
COMMENTS = [
    (
        "thoi-han",
        "Nguyễn Văn Hải",
        "",
        "ca-nhan",
        "Ba mươi ngày là quá ngắn với một dự án luật dài hàng trăm điều. Người dân đi làm cả ngày, cuối tuần mới đọc được vài chương. Đề nghị kéo dài ít nhất 60 ngày.",
        "ít nhất là 30 ngày",
    ),
    (
        "thoi-han",
        "Trần Thị Lan Anh",
        "Đoàn Luật sư thành phố Hà Nội",
        "to-chuc",
        "Luật Ban hành văn bản quy phạm pháp luật đã quy định thời hạn tối thiểu 60 ngày đối với dự án luật. Nghị định cần thống nhất để tránh cách hiểu mâu thuẫn.",
        "",
    ),
    (
        "thoi-han",
        "Lê Quang Minh",
        "Hiệp hội Doanh nghiệp nhỏ và vừa",
        "to-chuc",
        "Doanh nghiệp cần thời gian họp hội viên, tổng hợp ý kiến rồi mới gửi. Với các luật về thuế, đất đai, 30 ngày không đủ để làm việc này.",
        "",
    ),
    (
        "thoi-han",
        "Phạm Hoàng Yến",
        "",
        "ca-nhan",
        "Đề nghị phân biệt thời hạn theo loại văn bản: luật thì dài hơn, thông tư thì có thể ngắn hơn.",
        "",
    ),
    (
        "thoi-han",
        "Đỗ Thành Công",
        "Trường Đại học Luật Hà Nội",
        "chuyen-gia",
        "Nhiều nước quy định thời hạn khác nhau theo mức độ tác động của văn bản. Nên có thời hạn dài hơn cho văn bản có tác động rộng.",
        "",
    ),
    (
        "thoi-han",
        "Vũ Thị Mai",
        "",
        "ca-nhan",
        "Tôi ở vùng sâu, mạng yếu, tải hồ sơ rất lâu. Thời hạn dài hơn sẽ giúp người ở nông thôn cũng góp ý được.",
        "",
    ),
    (
        "thoi-han",
        "Hoàng Đức Anh",
        "Liên đoàn Lao động tỉnh Thanh Hóa",
        "to-chuc",
        "Công đoàn cần lấy ý kiến người lao động ở cơ sở trước khi gửi. Đề nghị không dưới 60 ngày với các văn bản liên quan đến quyền lợi người lao động.",
        "",
    ),
    (
        "thoi-han",
        "Bùi Minh Châu",
        "",
        "ca-nhan",
        "Nếu giữ 30 ngày thì nên cho phép gia hạn nhiều hơn một lần khi có nhiều ý kiến đề nghị.",
        "",
    ),
    (
        "tai-lieu",
        "Ngô Thị Thu Hà",
        "Viện Nghiên cứu lập pháp",
        "chuyen-gia",
        "Cụm từ “các tài liệu khác (nếu có)” quá chung chung. Cần nêu rõ bản so sánh giữa dự thảo mới và dự thảo trước, vì người dân khó tự đối chiếu.",
        "Các tài liệu khác (nếu có)",
    ),
    (
        "tai-lieu",
        "Đặng Văn Tùng",
        "",
        "ca-nhan",
        "Mỗi lần có dự thảo mới tôi phải đọc lại từ đầu. Rất cần một bản so sánh chỉ ra chỗ nào đã sửa.",
        "",
    ),
    (
        "tai-lieu",
        "Lý Thị Hương",
        "Phòng Thương mại và Công nghiệp Việt Nam",
        "to-chuc",
        "Đề nghị bổ sung bảng so sánh với văn bản hiện hành đối với dự thảo sửa đổi, bổ sung.",
        "",
    ),
    (
        "tai-lieu",
        "Trịnh Quốc Việt",
        "",
        "ca-nhan",
        "Nên đăng cả ý kiến thẩm định nếu đã có, để người dân biết cơ quan thẩm định nói gì.",
        "",
    ),
    (
        "tai-lieu",
        "Cao Thị Ngọc",
        "Hội Luật gia tỉnh Quảng Nam",
        "to-chuc",
        "Tài liệu kèm theo nên đăng ở định dạng đọc được trên điện thoại chứ không chỉ là tệp ảnh quét.",
        "",
    ),
    (
        "thong-tin",
        "Phan Văn Lộc",
        "",
        "ca-nhan",
        "Yêu cầu số định danh cá nhân chỉ để góp ý một dự thảo là quá mức cần thiết. Nhiều người sẽ ngại gửi vì lo lộ thông tin.",
        "số định danh cá nhân",
    ),
    (
        "thong-tin",
        "Nguyễn Thị Bích Ngọc",
        "Trung tâm Hỗ trợ pháp lý cộng đồng",
        "to-chuc",
        "Theo nguyên tắc tối thiểu hóa dữ liệu cá nhân, chỉ nên thu thập thông tin thật sự cần: họ tên và một cách liên lạc.",
        "",
    ),
    (
        "thong-tin",
        "Lâm Quốc Khánh",
        "",
        "ca-nhan",
        "Số điện thoại không cần thiết vì hệ thống đã gửi mã biên nhận qua thư điện tử.",
        "",
    ),
    (
        "thong-tin",
        "Hồ Thị Thanh Tâm",
        "",
        "ca-nhan",
        "Tôi đồng ý cần định danh để tránh ý kiến ảo, nhưng có thể dùng tài khoản định danh điện tử thay vì bắt gõ số.",
        "",
    ),
    (
        "thong-tin",
        "Dương Minh Trí",
        "Công ty Luật Hòa Bình",
        "to-chuc",
        "Cần quy định rõ thông tin nào bắt buộc, thông tin nào tự nguyện; hiện khoản 2 dùng chữ “phải” cho tất cả.",
        "phải cung cấp",
    ),
    (
        "thong-tin",
        "Kiều Văn Thắng",
        "",
        "ca-nhan",
        "Người cao tuổi thường không có thư điện tử. Đề nghị cho phép chỉ để lại số điện thoại.",
        "",
    ),
    (
        "thong-tin",
        "Mai Thị Phương",
        "",
        "ca-nhan",
        "Nên bỏ số định danh cá nhân. Các cổng góp ý ở nhiều địa phương không yêu cầu mà vẫn vận hành tốt.",
        "",
    ),
    (
        "cong-khai",
        "Tạ Quang Huy",
        "",
        "ca-nhan",
        "Ba mươi ngày sau khi kết thúc lấy ý kiến mới công khai thì dự thảo đã trình rồi, người dân không còn kịp theo dõi.",
        "30 ngày",
    ),
    (
        "cong-khai",
        "Lương Thị Kim Oanh",
        "Hội Bảo vệ quyền lợi người tiêu dùng",
        "to-chuc",
        "Đề nghị công khai bản tổng hợp trước khi trình cấp có thẩm quyền, chậm nhất 15 ngày sau khi kết thúc lấy ý kiến.",
        "",
    ),
    (
        "cong-khai",
        "Đinh Văn Nam",
        "",
        "ca-nhan",
        "Nên công khai dần từng phần bản tổng hợp thay vì đợi xong cả bản.",
        "",
    ),
    (
        "cong-khai",
        "Chu Thị Hạnh",
        "Sở Tư pháp tỉnh Lào Cai",
        "to-chuc",
        "Thời hạn 30 ngày phù hợp với dự thảo có hàng nghìn ý kiến; có thể quy định 15 ngày và cho phép kéo dài trong trường hợp đặc biệt.",
        "",
    ),
    (
        "cong-khai",
        "Văn Đức Long",
        "",
        "ca-nhan",
        "Công khai sớm giúp người góp ý biết ý kiến của mình được xử lý thế nào trước khi văn bản được thông qua.",
        "",
    ),
    (
        "doi-thoai",
        "Quách Thị Diệu Linh",
        "Viện Chính sách công",
        "chuyen-gia",
        "Cụm từ “nhiều ý kiến khác nhau” không định lượng được. Nên bắt buộc đối thoại với dự thảo có tác động lớn, không phụ thuộc số ý kiến.",
        "nhiều ý kiến khác nhau",
    ),
    (
        "doi-thoai",
        "Nông Văn Sơn",
        "",
        "ca-nhan",
        "Đề nghị mọi dự thảo nghị định đều phải đối thoại trực tuyến ít nhất một lần.",
        "",
    ),
    (
        "doi-thoai",
        "Hà Thị Thúy",
        "Hiệp hội Du lịch Việt Nam",
        "to-chuc",
        "Buổi đối thoại nên được thông báo trước ít nhất 7 ngày để doanh nghiệp chuẩn bị câu hỏi.",
        "",
    ),
    (
        "doi-thoai",
        "Khúc Minh Đạt",
        "",
        "ca-nhan",
        "Cần đối thoại trước khi hoàn thiện dự thảo, không phải sau khi đã trình.",
        "",
    ),
    (
        "giai-thich",
        "Tôn Nữ Thảo Vy",
        "",
        "ca-nhan",
        "Định nghĩa người góp ý chỉ nhắc cổng thông tin điện tử, trong khi Điều 9 cho phép gửi thư điện tử và dùng ứng dụng di động. Đề nghị sửa cho thống nhất.",
        "qua cổng thông tin điện tử",
    ),
    (
        "giai-thich",
        "Âu Văn Phúc",
        "",
        "ca-nhan",
        "Nên mở rộng định nghĩa để gồm cả người gửi ý kiến qua đường bưu điện.",
        "",
    ),
    (
        "giai-thich",
        "La Thị Hồng Nhung",
        "Hội Liên hiệp Phụ nữ quận Hoàn Kiếm",
        "to-chuc",
        "Cần nói rõ người góp ý có thể là người nước ngoài sinh sống tại Việt Nam hay không.",
        "",
    ),
    (
        "giai-thich",
        "Thái Bá Hùng",
        "",
        "ca-nhan",
        "Định nghĩa hiện nay có thể hiểu là chỉ ý kiến gửi qua cổng mới được tính.",
        "",
    ),
    (
        "kinh-phi",
        "Giang Văn Thịnh",
        "Kho bạc Nhà nước khu vực I",
        "to-chuc",
        "Kinh phí đã được quy định trong pháp luật về ngân sách; nhắc lại ở đây là không cần thiết.",
        "",
    ),
    (
        "kinh-phi",
        "Ông Thị Xuân",
        "",
        "ca-nhan",
        "Khoản 2 có thể dẫn đến việc mỗi cơ quan tự làm một hệ thống riêng, gây lãng phí.",
        "",
    ),
    (
        "kinh-phi",
        "Triệu Minh Tâm",
        "",
        "chuyen-gia",
        "Đề nghị bỏ điều này hoặc chỉ dẫn chiếu đến Luật Ngân sách nhà nước.",
        "",
    ),
    (
        "hieu-luc",
        "Lưu Đức Trọng",
        "Cục Chuyển đổi số quốc gia",
        "to-chuc",
        "Cần ít nhất sáu tháng để nâng cấp hệ thống trước ngày có hiệu lực.",
        "01 tháng 7 năm 2027",
    ),
    (
        "hieu-luc",
        "Mạc Thị Yến",
        "",
        "ca-nhan",
        "Đề nghị có hiệu lực sớm hơn vì nhu cầu góp ý trực tuyến đã rất lớn.",
        "",
    ),
    (
        "hieu-luc",
        "Doãn Văn Kiên",
        "",
        "ca-nhan",
        "Nên có quy định chuyển tiếp cho các dự thảo đang lấy ý kiến vào ngày Nghị định có hiệu lực.",
        "",
    ),
    (
        "hieu-luc",
        "Tăng Thị Minh Thư",
        "Ủy ban nhân dân phường Bến Thành",
        "to-chuc",
        "Địa phương cần được tập huấn trước khi áp dụng; đề nghị cho lùi thời điểm có hiệu lực với cấp xã.",
        "",
    ),
]
