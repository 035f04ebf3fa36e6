from django.core.management.base import BaseCommand

from policy_pages.citations.accuracy import CORPUS, score


class Command(BaseCommand):
    help = (
        "Đo độ chính xác (precision) và độ phủ (recall) của bộ đọc trích dẫn văn bản trên "
        "tập câu mẫu policy_pages/citations/corpus.jsonl."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(CORPUS))
        parser.add_argument("--mistakes", action="store_true", help="in từng câu đọc sai")

    def handle(self, *args, **options):
        result = score(options["corpus"])
        if options["mistakes"]:
            for text, missed, wrong in result.mistakes:
                self.stdout.write(f"\n{text}\n  thiếu: {missed}\n  thừa: {wrong}")
        self.stdout.write(
            f"{result.sentences} câu, {result.expected} trích dẫn cần tìm, "
            f"{result.found} tìm được, {result.right} đúng\n"
            f"precision {result.precision:.3f}\nrecall    {result.recall:.3f}"
        )
